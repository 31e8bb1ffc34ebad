using System.CommandLine;

namespace Fluoro.Cli.Commands;

/// <summary><c>fluoro demo</c>: deploys two traced functions, one calling the other, and prints the trace.</summary>
internal static class DemoCommand
{
    public static Command Create() => new("demo", "Deploy two traced functions, invoke them and print the trace id.");
}
