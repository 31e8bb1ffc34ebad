using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fluoro.Sampling;

/// <summary>Reads and writes the sampling wire shapes; malformed input becomes an <c>InvalidRequestException</c>.</summary>
public static class SamplingJson
{
    /// <summary>Reads a request body; an empty or whitespace body means <c>{}</c>, as the .NET SDK sends none.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (IsBlank(json))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(json, typeInfo) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new SamplingException(SamplingException.InvalidRequest, "The request body is not valid: " + ex.Message);
        }
    }

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
