using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /EncryptionConfig</c>: GetEncryptionConfig.</summary>
internal sealed class GetEncryptionConfigOperation : JsonNodeOperation
{
    public override string Name => "GetEncryptionConfig";

    public override string Path => "/EncryptionConfig";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().GetEncryptionConfig());
}
