using System.Text.Json.Nodes;
using Fluoro.XRay;

namespace Fluoro.Api.Operations;

/// <summary>
/// GetInsight, GetInsightEvents and GetInsightImpactGraph: each looks an insight up by id. Fluoro detects no
/// anomalies, so no insight exists and every id is answered as not found.
/// </summary>
internal sealed class InsightByIdOperation : JsonNodeOperation
{
    public InsightByIdOperation(string name, string path)
    {
        Name = name;
        Path = path;
    }

    public override string Name { get; }

    public override string Path { get; }

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => throw new XRayRequestException(String(request, "InsightId") is { Length: > 0 } id
            ? $"Insight not found: {id}. Fluoro does not generate insights."
            : "InsightId is required.");
}
