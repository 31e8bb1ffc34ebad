using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /TagResource</c>: TagResource on a group or sampling rule.</summary>
internal sealed class TagResourceOperation : XRayOperation
{
    public override string Name => "TagResource";

    public override string Path => "/TagResource";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.TagResourceRequest);
        var tagger = ResourceTaggers.Find(services, request.ResourceARN);
        await tagger.TagAsync(request.ResourceARN!, request.Tags ?? throw new XRayRequestException("Tags is required."), cancellationToken);
        return "{}"u8.ToArray();
    }
}
