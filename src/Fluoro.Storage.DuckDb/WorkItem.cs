namespace Fluoro.Storage.DuckDb;

/// <summary>One unit of work for the single writer: a batch to commit, or a maintenance step that must not interleave with commits.</summary>
internal sealed class WorkItem
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkItem(WorkKind kind, IReadOnlyList<SegmentRecord>? records, double cutoff)
    {
        Kind = kind;
        Records = records;
        Cutoff = cutoff;
    }

    public WorkKind Kind { get; }

    public IReadOnlyList<SegmentRecord>? Records { get; }

    public double Cutoff { get; }

    public Task<long> Completion => _completion.Task;

    public static WorkItem Write(IReadOnlyList<SegmentRecord> records) => new(WorkKind.Write, records, 0);

    public static WorkItem Purge(double cutoff) => new(WorkKind.Purge, null, cutoff);

    public static WorkItem Checkpoint() => new(WorkKind.Checkpoint, null, 0);

    public void Succeed(long result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
