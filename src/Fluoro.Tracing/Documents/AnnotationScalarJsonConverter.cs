using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>Writes an <see cref="AnnotationScalar"/> as a bare JSON string, number or boolean.</summary>
internal sealed class AnnotationScalarJsonConverter : JsonConverter<AnnotationScalar>
{
    public override AnnotationScalar Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType switch
        {
            JsonTokenType.String => AnnotationScalar.FromString(reader.GetString()!),
            JsonTokenType.Number => AnnotationScalar.FromDouble(reader.GetDouble()),
            JsonTokenType.True => AnnotationScalar.FromBoolean(true),
            JsonTokenType.False => AnnotationScalar.FromBoolean(false),
            _ => throw new JsonException("Annotation values must be strings, numbers or booleans."),
        };

    public override void Write(Utf8JsonWriter writer, AnnotationScalar value, JsonSerializerOptions options)
    {
        if (value.StringValue is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.NumberValue is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else if (value.BooleanValue is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
