using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /InsightSummaries</c>: GetInsightSummaries.</summary>
internal sealed class GetInsightSummariesOperation : JsonNodeOperation
{
    public override string Name => "GetInsightSummaries";

    public override string Path => "/InsightSummaries";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
    {
        // Fluoro does not detect anomalies, so there are never insights to summarise.
        if (Number(request, "StartTime") is not { } start || Number(request, "EndTime") is not { } end || start >= end)
        {
            throw new XRayRequestException("StartTime and EndTime are required, with StartTime before EndTime.");
        }

        return ValueTask.FromResult(new JsonObject { ["InsightSummaries"] = new JsonArray() });
    }
}
