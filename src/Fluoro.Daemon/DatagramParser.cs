using System.Text.Json;

namespace Fluoro.Daemon;

/// <summary>
/// Splits a daemon datagram into its header line and document. The header is parsed as JSON because SDKs differ
/// in spacing; it must say format <c>json</c> (any case) and version 1. The body is not validated here: the ingest
/// service owns document validation, exactly as the AWS daemon leaves it to the X-Ray service.
/// </summary>
internal static class DatagramParser
{
    public static DatagramStatus Parse(ReadOnlySpan<byte> datagram, int maxBytes, out Range body)
    {
        body = default;
        if (datagram.Length > maxBytes)
        {
            return DatagramStatus.TooLarge;
        }

        var newline = datagram.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return DatagramStatus.MissingHeader;
        }

        if (!IsValidHeader(datagram[..newline]))
        {
            return DatagramStatus.InvalidHeader;
        }

        var start = newline + 1;
        var end = datagram.Length;
        while (start < end && IsWhitespace(datagram[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(datagram[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            return DatagramStatus.EmptyBody;
        }

        body = start..end;
        return DatagramStatus.Valid;
    }

    internal static bool IsValidHeader(ReadOnlySpan<byte> header)
    {
        var formatOk = false;
        var versionOk = false;
        try
        {
            var reader = new Utf8JsonReader(header);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("format"u8))
                {
                    reader.Read();
                    formatOk = reader.TokenType == JsonTokenType.String && IsJsonWord(reader.ValueSpan) && !reader.ValueIsEscaped;
                }
                else if (reader.ValueTextEquals("version"u8))
                {
                    reader.Read();
                    versionOk = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) && version == 1;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            // Anything after the object other than whitespace (e.g. "\r") makes the header invalid.
            if (reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return formatOk && versionOk;
    }

    private static bool IsJsonWord(ReadOnlySpan<byte> value) =>
        value.Length == 4
        && (value[0] | 0x20) == 'j'
        && (value[1] | 0x20) == 's'
        && (value[2] | 0x20) == 'o'
        && (value[3] | 0x20) == 'n';

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
