using Microsoft.Extensions.Hosting;

namespace Fluoro.Server;

/// <summary>
/// A host lifetime that leaves signals alone: the process that embeds <see cref="FluoroServer"/> (the CLI, a test)
/// decides when to stop, so the daemon can be drained into the store in the right order.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
