using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /DeleteResourcePolicy</c>: DeleteResourcePolicy.</summary>
internal sealed class DeleteResourcePolicyOperation : JsonNodeOperation
{
    public override string Name => "DeleteResourcePolicy";

    public override string Path => "/DeleteResourcePolicy";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<XRayAccountSettings>().DeleteResourcePolicy(String(request, "PolicyName"), String(request, "PolicyRevisionId"));
        return ValueTask.FromResult(new JsonObject());
    }
}
