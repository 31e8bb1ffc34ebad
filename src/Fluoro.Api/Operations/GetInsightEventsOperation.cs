using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /InsightEvents</c>: GetInsightEvents.</summary>
internal sealed class GetInsightEventsOperation : JsonNodeOperation
{
    public override string Name => "GetInsightEvents";

    public override string Path => "/InsightEvents";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => throw new XRayRequestException(String(request, "InsightId") is { Length: > 0 } id
            ? $"Insight not found: {id}. Fluoro does not generate insights."
            : "InsightId is required.");
}
