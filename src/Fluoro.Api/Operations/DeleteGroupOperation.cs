using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /DeleteGroup</c>: DeleteGroup.</summary>
internal sealed class DeleteGroupOperation : XRayOperation
{
    public override string Name => "DeleteGroup";

    public override string Path => "/DeleteGroup";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.GroupReferenceRequest);
        var groups = services.GetRequiredService<GroupService>();
        groups.Delete(request);
        return ValueTask.FromResult("{}"u8.ToArray());
    }
}
