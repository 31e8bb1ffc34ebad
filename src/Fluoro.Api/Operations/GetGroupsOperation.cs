using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /Groups</c>: GetGroups.</summary>
internal sealed class GetGroupsOperation : XRayOperation
{
    public override string Name => "GetGroups";

    public override string Path => "/Groups";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, GroupJsonContext.Default.GetGroupsRequest);
        var groups = services.GetRequiredService<GroupService>();
        _ = request;
        return ValueTask.FromResult(JsonBody.Write(new GetGroupsResult { Groups = groups.GetAll() }, GroupJsonContext.Default.GetGroupsResult));
    }
}
