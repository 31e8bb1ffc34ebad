using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /PutResourcePolicy</c>: PutResourcePolicy.</summary>
internal sealed class PutResourcePolicyOperation : JsonNodeOperation
{
    public override string Name => "PutResourcePolicy";

    public override string Path => "/PutResourcePolicy";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().PutResourcePolicy(
            String(request, "PolicyName"), String(request, "PolicyDocument"), String(request, "PolicyRevisionId")));
}
