using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /ListRetrievedTraces</c>: ListRetrievedTraces.</summary>
internal sealed class ListRetrievedTracesOperation : JsonNodeOperation
{
    public override string Name => "ListRetrievedTraces";

    public override string Path => "/ListRetrievedTraces";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<TraceRetrievalService>().ListAsync(String(request, "RetrievalToken"), String(request, "TraceFormat"), cancellationToken);
}
