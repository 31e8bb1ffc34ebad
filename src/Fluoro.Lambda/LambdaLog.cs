using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda;

/// <summary>Source-generated log messages of the Lambda service.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Started instance {InstanceId} of {Function} ({Runtime}) as pid {Pid}, Runtime API on {RuntimeApi}")]
    public static partial void InstanceStarted(ILogger logger, string instanceId, string function, string runtime, int pid, string runtimeApi);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Instance {InstanceId} of {Function} stopped: {Reason}")]
    public static partial void InstanceStopped(ILogger logger, string instanceId, string function, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Instance {InstanceId} could not be started")]
    public static partial void InstanceStartFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Runtime API request failed on instance {InstanceId}")]
    public static partial void RuntimeApiFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Event invocation {RequestId} of {Function} failed on attempt {Attempt}")]
    public static partial void EventAttemptFailed(ILogger logger, string requestId, string function, int attempt);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Lambda background work failed")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Request to the Lambda API failed")]
    public static partial void ApiFailed(ILogger logger, Exception exception);
}
