namespace Fluoro.Api.Operations;

/// <summary>
/// One X-Ray rest-json operation: a fixed <c>POST</c> path, a JSON body in and a JSON body out. Adding an
/// operation is one subclass plus one line in <see cref="XRayOperationCatalog"/>.
/// </summary>
public abstract class XRayOperation
{
    /// <summary>The operation name as in the AWS model, e.g. <c>PutTraceSegments</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The request path, e.g. <c>/TraceSegments</c>.</summary>
    public abstract string Path { get; }

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public virtual int MaxRequestBytes => 1024 * 1024;

    /// <summary>
    /// Runs the operation on a request body (never empty: an empty body arrives as <c>{}</c>) and returns the
    /// response JSON. Client errors are thrown as <see cref="Fluoro.XRay.XRayRequestException"/>.
    /// </summary>
    public abstract ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken);
}
