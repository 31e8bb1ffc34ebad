using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluoro.Sdk;

/// <summary>Source-generated JSON metadata for the few types the SDK serializes through System.Text.Json.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SdkJsonContext : JsonSerializerContext;
