using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /CreateGroup</c>: CreateGroup.</summary>
internal sealed class CreateGroupOperation : XRayOperation
{
    public override string Name => "CreateGroup";

    public override string Path => "/CreateGroup";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.CreateGroupRequest);
        var groups = services.GetRequiredService<GroupService>();
        return ValueTask.FromResult(JsonBody.Write(new GroupResult { Group = groups.Create(request) }, GroupJsonContext.Default.GroupResult));
    }
}
