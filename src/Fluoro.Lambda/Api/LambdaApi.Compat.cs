using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>
/// Small operations older and newer clients call: the deprecated InvokeAsync (API 2014-11-13), which is an
/// <c>Event</c> invoke answered with 202, and GetRuntimeManagementConfig (API 2021-07-20), always <c>Auto</c>
/// because Fluoro runs the host's runtime.
/// </summary>
internal sealed partial class LambdaApi
{
    public Task InvokeAsyncLegacy(HttpContext context)
    {
        context.Request.Headers["X-Amz-Invocation-Type"] = "Event";
        context.Request.Headers.Remove("X-Amz-Log-Type");
        return Invoke(context);
    }

    public Task GetRuntimeManagementConfig(HttpContext context) => WithVersionAsync(context, async (entry, config) =>
    {
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("UpdateRuntimeOn", "Auto");
            w.WriteString("FunctionArn", config.Version == "$LATEST" ? FunctionArn(entry.Name) : FunctionArn(entry.Name) + ":" + config.Version);
            w.WriteEndObject();
        });
    });
}
