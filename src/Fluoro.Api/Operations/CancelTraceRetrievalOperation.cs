using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /CancelTraceRetrieval</c>: CancelTraceRetrieval.</summary>
internal sealed class CancelTraceRetrievalOperation : JsonNodeOperation
{
    public override string Name => "CancelTraceRetrieval";

    public override string Path => "/CancelTraceRetrieval";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<TraceRetrievalService>().Cancel(String(request, "RetrievalToken"));
        return ValueTask.FromResult(new JsonObject());
    }
}
