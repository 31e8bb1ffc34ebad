namespace Fluoro.Lambda.Execution;

/// <summary>How one invocation ended, as seen by Lambda.</summary>
internal enum OutcomeKind
{
    Success,
    FunctionError,
    Timeout,
    Crash,
    InitError,
}
