using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /PutEncryptionConfig</c>: PutEncryptionConfig.</summary>
internal sealed class PutEncryptionConfigOperation : JsonNodeOperation
{
    public override string Name => "PutEncryptionConfig";

    public override string Path => "/PutEncryptionConfig";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
        => ValueTask.FromResult(services.GetRequiredService<XRayAccountSettings>().PutEncryptionConfig(String(request, "Type"), String(request, "KeyId")));
}
