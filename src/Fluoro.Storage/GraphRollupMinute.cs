namespace Fluoro.Storage;

/// <summary>One rolled-up minute: epoch minute (seconds / 60) and the caller's serialized state.</summary>
public sealed record GraphRollupMinute(long Minute, ReadOnlyMemory<byte> State);
