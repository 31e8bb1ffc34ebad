namespace Fluoro.Storage.DuckDb;

/// <summary>What a <see cref="WorkItem"/> asks the writer to do.</summary>
internal enum WorkKind
{
    Write,
    Purge,
    Checkpoint,
}
