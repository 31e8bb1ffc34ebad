using Fluoro.XRay;

namespace Fluoro.Api.Operations;

/// <summary>
/// An operation of the X-Ray model that Fluoro does not serve yet. It answers with the modeled
/// <c>InvalidRequestException</c>, which SDKs surface as a typed error and do not retry.
/// </summary>
internal sealed class UnsupportedOperation(string name, string path) : XRayOperation
{
    public override string Name => name;

    public override string Path => path;

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken) =>
        throw new XRayRequestException($"{name} is not supported by this Fluoro version.");
}
