using System.Collections.Concurrent;

namespace Fluoro.Lambda.Execution;

/// <summary>The most recent invocation logs per function, bounded; older ones are dropped and counted.</summary>
internal sealed class FunctionLogs
{
    private const int PerFunction = 200;
    private readonly ConcurrentDictionary<string, Queue<LogRecord>> _logs = new(StringComparer.Ordinal);
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(string functionName, LogRecord record)
    {
        var queue = _logs.GetOrAdd(functionName, static _ => new Queue<LogRecord>());
        lock (queue)
        {
            queue.Enqueue(record);
            while (queue.Count > PerFunction)
            {
                queue.Dequeue();
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    public IReadOnlyList<LogRecord> Get(string functionName, int limit)
    {
        if (!_logs.TryGetValue(functionName, out var queue))
        {
            return [];
        }

        lock (queue)
        {
            return [.. queue.Skip(Math.Max(0, queue.Count - limit))];
        }
    }

    public void Remove(string functionName) => _logs.TryRemove(functionName, out _);
}
