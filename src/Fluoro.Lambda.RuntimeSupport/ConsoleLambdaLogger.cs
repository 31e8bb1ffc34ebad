namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>Logs to standard output, which Lambda captures per invocation.</summary>
internal sealed class ConsoleLambdaLogger : ILambdaLogger
{
    public static ConsoleLambdaLogger Instance { get; } = new();

    public void LogLine(string message) => Console.Out.WriteLine(message);
}
