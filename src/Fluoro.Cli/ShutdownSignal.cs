using System.Runtime.InteropServices;

namespace Fluoro.Cli;

/// <summary>Completes on SIGINT (Ctrl+C) or SIGTERM, so a long-running command can stop cleanly.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<PosixSignal> _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public Task<PosixSignal> Task => _signalled.Task;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the runtime from exiting at once; the command returns after draining.
        context.Cancel = true;
        _signalled.TrySetResult(context.Signal);
    }
}
