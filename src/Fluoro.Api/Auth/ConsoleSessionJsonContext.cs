using System.Text.Json.Serialization;

namespace Fluoro.Api.Auth;

/// <summary>Source-generated JSON for <see cref="ConsoleSessionState"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsoleSessionState))]
internal sealed partial class ConsoleSessionJsonContext : JsonSerializerContext;
