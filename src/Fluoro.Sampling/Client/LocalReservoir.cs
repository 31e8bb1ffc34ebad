namespace Fluoro.Sampling;

/// <summary>The local fallback rule's fixed per-second reservoir.</summary>
internal sealed class LocalReservoir
{
    private readonly Lock _lock = new();
    private long _second = long.MinValue;
    private int _taken;

    public bool TryTake(double now, int perSecond)
    {
        lock (_lock)
        {
            var second = (long)Math.Floor(now);
            if (second != _second)
            {
                _second = second;
                _taken = 0;
            }

            if (_taken >= perSecond)
            {
                return false;
            }

            _taken++;
            return true;
        }
    }
}
