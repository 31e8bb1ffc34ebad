using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /UpdateGroup</c>: UpdateGroup.</summary>
internal sealed class UpdateGroupOperation : XRayOperation
{
    public override string Name => "UpdateGroup";

    public override string Path => "/UpdateGroup";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.UpdateGroupRequest);
        var groups = services.GetRequiredService<GroupService>();
        return ValueTask.FromResult(JsonBody.Write(new GroupResult { Group = groups.Update(request) }, GroupJsonContext.Default.GroupResult));
    }
}
