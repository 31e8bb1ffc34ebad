using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /InsightImpactGraph</c>: GetInsightImpactGraph.</summary>
internal sealed class GetInsightImpactGraphOperation : JsonNodeOperation
{
    public override string Name => "GetInsightImpactGraph";

    public override string Path => "/InsightImpactGraph";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => throw new XRayRequestException(String(request, "InsightId") is { Length: > 0 } id
            ? $"Insight not found: {id}. Fluoro does not generate insights."
            : "InsightId is required.");
}
