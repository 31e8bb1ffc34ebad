using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /UpdateIndexingRule</c>: UpdateIndexingRule.</summary>
internal sealed class UpdateIndexingRuleOperation : JsonNodeOperation
{
    public override string Name => "UpdateIndexingRule";

    public override string Path => "/UpdateIndexingRule";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().UpdateIndexingRule(String(request, "Name"), request["Rule"] as JsonObject));
}
