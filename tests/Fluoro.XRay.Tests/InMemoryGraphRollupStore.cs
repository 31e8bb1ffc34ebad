using Fluoro.Storage;

namespace Fluoro.XRay.Tests;

/// <summary>An in-memory <see cref="IGraphRollupStore"/> (the DuckDB one runs the storage contract suite).</summary>
internal sealed class InMemoryGraphRollupStore : IGraphRollupStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, byte[]> _minutes = [];
    private double _watermark;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _minutes.Count;
            }
        }
    }

    public ValueTask<GraphRollupSnapshot> ReadAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var minutes = _minutes.Where(p => p.Key >= fromMinute && p.Key < toMinute).Select(p => new GraphRollupMinute(p.Key, p.Value)).ToList();
            return ValueTask.FromResult(new GraphRollupSnapshot(minutes, _watermark));
        }
    }

    public ValueTask<IReadOnlyList<long>> ListMinutesAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<long>>(_minutes.Keys.Where(m => m >= fromMinute && m < toMinute).ToList());
        }
    }

    public ValueTask WriteAsync(IReadOnlyList<GraphRollupMinute> minutes, IReadOnlyCollection<long> invalidated, double watermark, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var minute in invalidated)
            {
                _minutes.Remove(minute);
            }

            foreach (var minute in minutes)
            {
                _minutes[minute.Minute] = minute.State.ToArray();
            }

            _watermark = watermark;
        }

        return ValueTask.CompletedTask;
    }
}
