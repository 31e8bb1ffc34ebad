using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /Insight</c>: GetInsight.</summary>
internal sealed class GetInsightOperation : JsonNodeOperation
{
    public override string Name => "GetInsight";

    public override string Path => "/Insight";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => throw new XRayRequestException(String(request, "InsightId") is { Length: > 0 } id
            ? $"Insight not found: {id}. Fluoro does not generate insights."
            : "InsightId is required.");
}
