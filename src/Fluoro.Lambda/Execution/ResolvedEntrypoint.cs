namespace Fluoro.Lambda.Execution;

/// <summary>The command that starts a runtime, or why there is none.</summary>
internal sealed record ResolvedEntrypoint(string FileName, IReadOnlyList<string> Arguments, string? EntrypointError = null);
