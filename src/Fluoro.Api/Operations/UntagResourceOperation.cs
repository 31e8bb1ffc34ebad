using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /UntagResource</c>: UntagResource on a group or sampling rule.</summary>
internal sealed class UntagResourceOperation : XRayOperation
{
    public override string Name => "UntagResource";

    public override string Path => "/UntagResource";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.UntagResourceRequest);
        var tagger = ResourceTaggers.Find(services, request.ResourceARN);
        await tagger.UntagAsync(request.ResourceARN!, request.TagKeys ?? throw new XRayRequestException("TagKeys is required."), cancellationToken);
        return "{}"u8.ToArray();
    }
}
