using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Fluoro.Benchmarks.Storage;

/// <summary>In-process (see <see cref="InProcessConfig"/>) with the Monitoring strategy: each operation is a ~1 s macro run.</summary>
internal sealed class InProcessMonitoringConfig : ManualConfig
{
    public InProcessMonitoringConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10));
}
