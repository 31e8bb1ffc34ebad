using System.Text.Json.Serialization;

namespace Fluoro.XRay;

/// <summary>Source-generated JSON for the groups file.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(List<StoredGroup>))]
internal sealed partial class GroupFileJsonContext : JsonSerializerContext;
