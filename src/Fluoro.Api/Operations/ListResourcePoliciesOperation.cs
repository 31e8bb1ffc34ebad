using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /ListResourcePolicies</c>: ListResourcePolicies.</summary>
internal sealed class ListResourcePoliciesOperation : JsonNodeOperation
{
    public override string Name => "ListResourcePolicies";

    public override string Path => "/ListResourcePolicies";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().ListResourcePolicies());
}
