using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /GetGroup</c>: GetGroup.</summary>
internal sealed class GetGroupOperation : XRayOperation
{
    public override string Name => "GetGroup";

    public override string Path => "/GetGroup";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.GroupReferenceRequest);
        var groups = services.GetRequiredService<GroupService>();
        return ValueTask.FromResult(JsonBody.Write(new GroupResult { Group = groups.Get(request) }, GroupJsonContext.Default.GroupResult));
    }
}
