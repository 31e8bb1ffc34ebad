using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /GetIndexingRules</c>: GetIndexingRules.</summary>
internal sealed class GetIndexingRulesOperation : JsonNodeOperation
{
    public override string Name => "GetIndexingRules";

    public override string Path => "/GetIndexingRules";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().GetIndexingRules());
}
