namespace Fluoro.Cli;

/// <summary>Stable process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad options or configuration; the message says what to change.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>A port is taken or the data directory cannot be used.</summary>
    public const int StartupFailed = 3;
}
