using System.Diagnostics;
using System.Text.Json;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>Lambda's error body and the X-Ray cause object for an exception.</summary>
internal static class ErrorDocuments
{
    public static byte[] Body(Exception exception, string errorType)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("errorType", errorType);
            w.WriteString("errorMessage", exception.Message);
            w.WriteStartArray("stackTrace");
            foreach (var line in (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                w.WriteStringValue(line.Trim());
            }

            w.WriteEndArray();
            if (exception.InnerException is { } inner)
            {
                w.WriteStartObject("cause");
                w.WriteString("errorType", inner.GetType().Name);
                w.WriteString("errorMessage", inner.Message);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>One line of JSON (it travels in a header): working directory, exceptions with frames, paths.</summary>
    public static string XRayCause(Exception exception)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("working_directory", Environment.CurrentDirectory);
            w.WriteStartArray("exceptions");
            for (var e = exception; e is not null; e = e.InnerException)
            {
                w.WriteStartObject();
                w.WriteString("type", e.GetType().FullName);
                w.WriteString("message", e.Message);
                w.WriteStartArray("stack");
                foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
                {
                    var method = frame.GetMethod();
                    var file = frame.GetFileName();
                    w.WriteStartObject();
                    w.WriteString("label", method is null ? "unknown" : $"{method.DeclaringType?.FullName}.{method.Name}");
                    if (file is not null)
                    {
                        w.WriteString("path", file);
                        w.WriteNumber("line", frame.GetFileLineNumber());
                        paths.Add(file);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("paths");
            foreach (var path in paths)
            {
                w.WriteStringValue(path);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
