using Microsoft.Extensions.Hosting;

namespace Fluoro.Sdk.AspNetCore;

/// <summary>Owns the process's tracer for the lifetime of the host.</summary>
internal sealed class FluoroTracingHostedService : IHostedService, IAsyncDisposable
{
    private readonly FluoroTracingOptions _options;
    private FluoroTracer? _tracer;

    public FluoroTracingHostedService(FluoroTracingOptions options) => _options = options;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _tracer ??= FluoroTracing.Start(_options);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _tracer, null) is { } tracer)
        {
            await tracer.DisposeAsync();
        }
    }
}
