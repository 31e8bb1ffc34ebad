using System.Text.Json.Serialization;

namespace Fluoro.Lambda.Events;

/// <summary>Source-generated serialisation for the persisted rules.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ScheduleRule>))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
