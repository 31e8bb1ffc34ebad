using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>
/// A bounded, preallocated ring of finished Activities, each with its X-Ray data (looked up by the producer, whose
/// cache holds it, so that the consumer need not walk the Activity's tags): many producers (the threads that end
/// Activities) and one consumer (the sender). Adding is one compare-and-swap and never blocks or allocates; a full
/// ring refuses.
/// </summary>
internal sealed class ActivityRing
{
    private readonly Entry[] _slots;
    private readonly long _mask;

    // Producers write the head, the consumer the tail: each on its own cache line so they do not slow each other.
    // The consumer publishes its position (_tail) only every PublishEvery items or when it runs dry, so producers
    // that find the ring full re-read a line that rarely changes.
    private const long PublishEvery = 32;
    private PaddedLong _head;
    private PaddedLong _tail;
    private PaddedLong _consumer;

    public ActivityRing(int capacity)
    {
        var size = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2)));
        _slots = new Entry[size];
        _mask = size - 1;
    }

    public int Capacity => _slots.Length;

    public int Count => (int)Math.Max(0, Volatile.Read(ref _head.Value) - Volatile.Read(ref _tail.Value));

    /// <summary>Positions handed out so far (the next Activity added gets this one).</summary>
    public long Head => Volatile.Read(ref _head.Value);

    /// <summary>Adds <paramref name="activity"/>; returns the position it got, or -1 when the ring is full.</summary>
    public long TryAdd(Activity activity, EntityData? data)
    {
        while (true)
        {
            var head = Volatile.Read(ref _head.Value);
            if (head - Volatile.Read(ref _head.Cache) >= _slots.Length)
            {
                // Looks full from the last known tail: read the consumer's cache line only now.
                var tail = Volatile.Read(ref _tail.Value);
                if (head - tail >= _slots.Length)
                {
                    return -1;
                }

                Volatile.Write(ref _head.Cache, tail);
            }

            if (Interlocked.CompareExchange(ref _head.Value, head + 1, head) == head)
            {
                // The slot was emptied by the consumer before it moved the tail past it. The Activity is written
                // last: it is what tells the consumer that the slot is filled.
                ref var slot = ref _slots[head & _mask];
                slot.Data = data;
                Volatile.Write(ref slot.Activity, activity);
                return head;
            }
        }
    }

    /// <summary>Takes the oldest Activity; only the single consumer calls this.</summary>
    public bool TryTake(out Activity activity, out EntityData? data)
    {
        var tail = _consumer.Value;
        if (tail == _consumer.Cache)
        {
            // Read the producers' cache line only when the positions known to be filled are used up, not per item.
            _consumer.Cache = Volatile.Read(ref _head.Value);
            if (tail == _consumer.Cache)
            {
                if (_tail.Value != tail)
                {
                    Volatile.Write(ref _tail.Value, tail);
                }

                activity = null!;
                data = null;
                return false;
            }
        }

        ref var slot = ref _slots[tail & _mask];
        var spinner = default(SpinWait);
        Activity? item;
        while ((item = Volatile.Read(ref slot.Activity)) is null)
        {
            // A producer reserved this position and is about to fill it.
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        data = slot.Data;
        slot.Data = null;
        Volatile.Write(ref slot.Activity, null);
        _consumer.Value = ++tail;
        if (tail % PublishEvery == 0)
        {
            Volatile.Write(ref _tail.Value, tail);
        }

        activity = item;
        return true;
    }

    private struct Entry
    {
        public Activity? Activity;
        public EntityData? Data;
    }
}
