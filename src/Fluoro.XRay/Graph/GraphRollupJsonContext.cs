using System.Text.Json.Serialization;

namespace Fluoro.XRay;

/// <summary>Source-generated JSON for rollup minute states.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphRollupState))]
internal sealed partial class GraphRollupJsonContext : JsonSerializerContext;
