namespace Fluoro.Storage;

/// <summary>A point-in-time view of a store, for health endpoints.</summary>
/// <param name="Backend">Backend name, e.g. <c>duckdb</c>.</param>
/// <param name="Location">Where the data lives (file path or URL).</param>
/// <param name="SegmentsStored">Documents committed since the store opened.</param>
/// <param name="BytesOnDisk">Size of the store's files, when known.</param>
public sealed record StoreStatistics(string Backend, string Location, long SegmentsStored, long? BytesOnDisk);
