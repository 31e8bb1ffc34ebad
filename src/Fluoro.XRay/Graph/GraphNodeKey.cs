namespace Fluoro.XRay;

/// <summary>Identity of a service-graph node: name, type and account (all may be null except the name).</summary>
internal readonly record struct GraphNodeKey(string Name, string? Type, string? AccountId);
