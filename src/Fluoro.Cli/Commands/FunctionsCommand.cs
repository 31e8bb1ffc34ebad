using System.CommandLine;

namespace Fluoro.Cli.Commands;

/// <summary><c>fluoro functions list|deploy|invoke|logs</c>.</summary>
internal static class FunctionsCommand
{
    public static Command Create() => new("functions", "Manage and invoke Lambda functions on a running Fluoro.");
}
