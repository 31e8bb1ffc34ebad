using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /UpdateTraceSegmentDestination</c>: UpdateTraceSegmentDestination.</summary>
internal sealed class UpdateTraceSegmentDestinationOperation : JsonNodeOperation
{
    public override string Name => "UpdateTraceSegmentDestination";

    public override string Path => "/UpdateTraceSegmentDestination";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().UpdateTraceSegmentDestination(String(request, "Destination")));
}
