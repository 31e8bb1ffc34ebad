using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /GetRetrievedTracesGraph</c>: GetRetrievedTracesGraph.</summary>
internal sealed class GetRetrievedTracesGraphOperation : JsonNodeOperation
{
    public override string Name => "GetRetrievedTracesGraph";

    public override string Path => "/GetRetrievedTracesGraph";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<TraceRetrievalService>().GraphAsync(String(request, "RetrievalToken"), cancellationToken);
}
