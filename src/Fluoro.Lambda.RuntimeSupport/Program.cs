namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>
/// The bootstrap of Fluoro's dotnet runtimes: <c>dotnet exec Fluoro.Lambda.RuntimeSupport.dll</c> loads
/// the handler named by <c>_HANDLER</c> from <c>LAMBDA_TASK_ROOT</c> and serves invocations.
/// </summary>
internal static class Program
{
    public static async Task<int> Main()
    {
        using var client = new RuntimeApiClient();
        Func<InvocationRequest, ILambdaContext, Task<byte[]>> handler;
        try
        {
            handler = HandlerLoader.Load(
                Environment.GetEnvironmentVariable("_HANDLER") ?? "",
                Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? Environment.CurrentDirectory);
        }
        catch (Exception ex)
        {
            var type = ex is HandlerException handlerError ? handlerError.ErrorType : "Runtime.ImportModuleError";
            await Console.Error.WriteLineAsync($"{type}: {ex.Message}");
            await client.SendInitErrorAsync(ex, type);
            return 1;
        }

        await LambdaBootstrap.RunAsync(client, handler, CancellationToken.None);
        return 0;
    }
}
