using System.Buffers.Text;
using System.Text;

namespace Fluoro.XRay;

/// <summary>
/// Wraps a store cursor in an opaque, versioned NextToken bound to the query's window, so that a token from one
/// query cannot silently page another.
/// </summary>
internal static class NextTokenCodec
{
    private const string Version = "f1";

    public static string Encode(string storeCursor, double start, double end, int rangeType)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Version}|{start:R}|{end:R}|{rangeType}|{storeCursor}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static string Decode(string token, double start, double end, int rangeType)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new XRayRequestException("The NextToken is not valid.");
        }

        var parts = text.Split('|', 5);
        var expected = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{start:R}|{end:R}|{rangeType}");
        if (parts.Length != 5 || parts[0] != Version || $"{parts[1]}|{parts[2]}|{parts[3]}" != expected)
        {
            throw new XRayRequestException("The NextToken is not valid for this request.");
        }

        return parts[4];
    }
}
