using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fluoro.XRay;

namespace Fluoro.Api.Operations;

/// <summary>Typed request parsing and response writing shared by the operations.</summary>
internal static class JsonBody
{
    public static T Read<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo) ?? throw new XRayRequestException("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new XRayRequestException("The request body is not valid JSON: " + ex.Message);
        }
    }

    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
}
