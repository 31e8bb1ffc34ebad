using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /GetTraceSegmentDestination</c>: GetTraceSegmentDestination.</summary>
internal sealed class GetTraceSegmentDestinationOperation : JsonNodeOperation
{
    public override string Name => "GetTraceSegmentDestination";

    public override string Path => "/GetTraceSegmentDestination";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().GetTraceSegmentDestination());
}
