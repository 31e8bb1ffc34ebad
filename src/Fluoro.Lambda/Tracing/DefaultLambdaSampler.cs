using System.Runtime.CompilerServices;

using System.Collections.Concurrent;

namespace Fluoro.Lambda.Tracing;

/// <summary>
/// X-Ray's Default rule, which Lambda applies and which cannot be changed there: the first request in
/// each second is traced (a reservoir of one per function), then 5 % of the rest.
/// </summary>
internal sealed class DefaultLambdaSampler : ILambdaSampler
{
    private const double FixedRate = 0.05;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _lastSecond = new(StringComparer.Ordinal);

    public bool ShouldSample(LambdaSamplingRequest request)
    {
        var second = request.Timestamp.ToUnixTimeSeconds();
        var box = _lastSecond.GetOrAdd(request.ServiceName, static _ => new StrongBox<long>(long.MinValue));
        var seen = Interlocked.Read(ref box.Value);
        if (seen != second && Interlocked.CompareExchange(ref box.Value, second, seen) == seen)
        {
            return true;
        }

        return Random.Shared.NextDouble() < FixedRate;
    }
}
