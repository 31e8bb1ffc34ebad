using System.Text.Json;
using Fluoro.Lambda.Storage;

namespace Fluoro.Lambda.Api;

/// <summary>Writes the Lambda API's response shapes (FunctionConfiguration, AliasConfiguration, …).</summary>
internal static class FunctionJson
{
    public static void WriteConfiguration(Utf8JsonWriter w, FunctionVersion c, string unqualifiedArn, string region, string accountId)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", c.FunctionName);
        w.WriteString("FunctionArn", c.Version == "$LATEST" ? unqualifiedArn : unqualifiedArn + ":" + c.Version);
        w.WriteString("Runtime", c.Runtime);
        w.WriteString("Role", c.Role);
        w.WriteString("Handler", c.Handler);
        w.WriteNumber("CodeSize", c.CodeSize);
        w.WriteString("Description", c.Description);
        w.WriteNumber("Timeout", c.Timeout);
        w.WriteNumber("MemorySize", c.MemorySize);
        w.WriteString("LastModified", c.LastModified);
        w.WriteString("CodeSha256", c.CodeSha256);
        w.WriteString("Version", c.Version);
        if (c.Environment.Count > 0)
        {
            w.WriteStartObject("Environment");
            w.WriteStartObject("Variables");
            foreach (var (key, value) in c.Environment)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteStartObject("TracingConfig");
        w.WriteString("Mode", c.TracingMode);
        w.WriteEndObject();
        w.WriteString("RevisionId", c.RevisionId);
        w.WriteString("State", "Active");
        w.WriteString("LastUpdateStatus", "Successful");
        w.WriteString("PackageType", "Zip");
        w.WriteStartArray("Architectures");
        w.WriteStringValue(c.Architecture);
        w.WriteEndArray();
        w.WriteStartObject("EphemeralStorage");
        w.WriteNumber("Size", c.EphemeralStorage);
        w.WriteEndObject();
        w.WriteStartObject("SnapStart");
        w.WriteString("ApplyOn", "None");
        w.WriteString("OptimizationStatus", "Off");
        w.WriteEndObject();
        w.WriteStartObject("LoggingConfig");
        w.WriteString("LogFormat", "Text");
        w.WriteString("LogGroup", "/aws/lambda/" + c.FunctionName);
        w.WriteEndObject();
        w.WriteEndObject();
        _ = region;
        _ = accountId;
    }

    public static void WriteAlias(Utf8JsonWriter w, FunctionAlias alias, string unqualifiedArn)
    {
        w.WriteStartObject();
        w.WriteString("AliasArn", unqualifiedArn + ":" + alias.Name);
        w.WriteString("Name", alias.Name);
        w.WriteString("FunctionVersion", alias.FunctionVersion);
        w.WriteString("Description", alias.Description);
        w.WriteString("RevisionId", alias.RevisionId);
        w.WriteEndObject();
    }

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            body(w);
        }

        return buffer.ToArray();
    }
}
