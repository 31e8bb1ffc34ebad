using System.Text.Json.Serialization;

namespace Fluoro.Lambda.Storage;

/// <summary>Source-generated serialisation for the persisted function files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionEntry))]
internal sealed partial class LambdaStoreJsonContext : JsonSerializerContext;
