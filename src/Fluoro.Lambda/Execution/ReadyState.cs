namespace Fluoro.Lambda.Execution;

/// <summary>How the init phase of a new instance ended.</summary>
internal enum ReadyState
{
    Ready,
    InitError,
    Exited,
    TimedOut,
}
