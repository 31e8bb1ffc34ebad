using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>Reads and writes both forms of <see cref="Cause"/> without reflection.</summary>
internal sealed class CauseJsonConverter : JsonConverter<Cause>
{
    public override Cause? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Cause.Reference(reader.GetString()!);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("cause must be an exception id or an object.");
        }

        var cause = new Cause();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("working_directory"u8))
            {
                reader.Read();
                cause.WorkingDirectory = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("paths"u8))
            {
                reader.Read();
                cause.Paths = JsonSerializer.Deserialize(ref reader, SegmentDocumentJsonContext.Default.ListString);
            }
            else if (reader.ValueTextEquals("exceptions"u8))
            {
                reader.Read();
                cause.Exceptions = JsonSerializer.Deserialize(ref reader, SegmentDocumentJsonContext.Default.ListExceptionDetail);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return cause;
    }

    public override void Write(Utf8JsonWriter writer, Cause value, JsonSerializerOptions options)
    {
        if (value.ExceptionId is not null)
        {
            writer.WriteStringValue(value.ExceptionId);
            return;
        }

        writer.WriteStartObject();
        if (value.WorkingDirectory is not null)
        {
            writer.WriteString("working_directory"u8, value.WorkingDirectory);
        }

        if (value.Paths is not null)
        {
            writer.WritePropertyName("paths"u8);
            JsonSerializer.Serialize(writer, value.Paths, SegmentDocumentJsonContext.Default.ListString);
        }

        if (value.Exceptions is not null)
        {
            writer.WritePropertyName("exceptions"u8);
            JsonSerializer.Serialize(writer, value.Exceptions, SegmentDocumentJsonContext.Default.ListExceptionDetail);
        }

        writer.WriteEndObject();
    }
}
