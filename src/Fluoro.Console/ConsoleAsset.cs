namespace Fluoro.Console;

/// <summary>One embedded console file, loaded once and served from memory.</summary>
internal sealed record ConsoleAsset(string Path, byte[] Content, string ContentType, string ETag);
