using Fluoro.XRay;
using Microsoft.Extensions.Hosting;

namespace Fluoro.Server;

/// <summary>Runs the service-graph rollup loop (<see cref="ServiceGraphRollup"/>) while the edge host runs.</summary>
internal sealed class GraphRollupHostedService(ServiceGraphRollup rollup) : BackgroundService
{
    /// <summary>Time between rollup cycles.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => rollup.RunAsync(Interval, stoppingToken);
}
