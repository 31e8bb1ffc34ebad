using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /ListTagsForResource</c>: ListTagsForResource on a group or sampling rule.</summary>
internal sealed class ListTagsForResourceOperation : XRayOperation
{
    public override string Name => "ListTagsForResource";

    public override string Path => "/ListTagsForResource";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.ListTagsForResourceRequest);
        var tagger = ResourceTaggers.Find(services, request.ResourceARN);
        return ValueTask.FromResult(JsonBody.Write(
            new ListTagsForResourceResult { Tags = tagger.ListTags(request.ResourceARN!) }, GroupJsonContext.Default.ListTagsForResourceResult));
    }
}
