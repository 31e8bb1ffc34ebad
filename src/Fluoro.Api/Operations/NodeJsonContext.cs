using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fluoro.Api.Operations;

/// <summary>Source-generated JSON for operations that answer with a <see cref="JsonObject"/>.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
