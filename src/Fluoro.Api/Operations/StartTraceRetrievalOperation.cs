using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /StartTraceRetrieval</c>: StartTraceRetrieval.</summary>
internal sealed class StartTraceRetrievalOperation : JsonNodeOperation
{
    public override string Name => "StartTraceRetrieval";

    public override string Path => "/StartTraceRetrieval";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<TraceRetrievalService>().Start(
            request["TraceIds"] as JsonArray, Number(request, "StartTime"), Number(request, "EndTime")));
}
