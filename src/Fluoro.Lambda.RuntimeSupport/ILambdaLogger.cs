namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>Writes lines to the function's log.</summary>
public interface ILambdaLogger
{
    /// <summary>Writes one line.</summary>
    void LogLine(string message);
}
