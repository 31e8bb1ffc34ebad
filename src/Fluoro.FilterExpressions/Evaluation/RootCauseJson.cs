using System.Buffers;
using System.Text.Json;

namespace Fluoro.FilterExpressions;

/// <summary>Writes a root cause in the trace-summary JSON shape so rootcause.json patterns can be matched against it.</summary>
internal static class RootCauseJson
{
    public static JsonElement ToJson(RootCauseFacts cause)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("Services");
            foreach (var service in cause.Services)
            {
                w.WriteStartObject();
                w.WriteString("Name", service.Name);
                w.WriteStartArray("Names");
                foreach (var name in service.Names)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                WriteOptional(w, "Type", service.Type);
                WriteOptional(w, "AccountId", service.AccountId);
                w.WriteStartArray("EntityPath");
                foreach (var entity in service.EntityPath)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", entity.Name);
                    if (entity.Coverage is { } coverage)
                    {
                        w.WriteNumber("Coverage", coverage);
                    }

                    w.WriteStartArray("Exceptions");
                    foreach (var exception in entity.Exceptions)
                    {
                        w.WriteStartObject();
                        WriteOptional(w, "Name", exception.Name);
                        WriteOptional(w, "Message", exception.Message);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteBoolean("Remote", entity.Remote);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteBoolean("Inferred", service.Inferred);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("ClientImpacting", cause.ClientImpacting);
            w.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
