using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Fluoro.Benchmarks.Storage;

/// <summary>
/// Storage benchmarks run in-process: the shared 2-core box cannot build BenchmarkDotNet's boilerplate
/// project within its 2-minute timeout while other builds run, and these benchmarks measure I/O-bound
/// milliseconds, where the in-process toolchain's small bias does not matter.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
}
