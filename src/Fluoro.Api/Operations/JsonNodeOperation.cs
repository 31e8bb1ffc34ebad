using System.Text.Json;
using System.Text.Json.Nodes;
using Fluoro.XRay;

namespace Fluoro.Api.Operations;

/// <summary>
/// Base for the small operations whose input and output are a handful of members: the body is read as a JSON
/// object and the answer written as one, so each operation is a few lines.
/// </summary>
internal abstract class JsonNodeOperation : XRayOperation
{
    public sealed override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Span) as JsonObject ?? throw new XRayRequestException("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new XRayRequestException("The request body is not valid JSON: " + ex.Message);
        }

        var response = await ExecuteAsync(request, services, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(response, NodeJsonContext.Default.JsonObject);
    }

    protected abstract ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken);

    protected static string? String(JsonObject request, string name)
    {
        var node = request[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new XRayRequestException($"{name} must be a string.");
    }

    protected static double? Number(JsonObject request, string name)
    {
        var node = request[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<double>(out var number)
            ? number
            : throw new XRayRequestException($"{name} must be a number.");
    }
}
