namespace Fluoro.Sdk;

/// <summary>
/// A bounded pool of <see cref="EntityData"/> shared by every thread: the sender returns instances after writing a
/// document, application threads take them when an Activity first gets X-Ray data. A fixed array of cells, each with
/// a sequence number telling whether it holds an item for the next taker or is free for the next giver; each side
/// claims a position with one compare-and-swap on a 64-bit counter. No locks, no allocation, no object-reference
/// compare-and-swap (which costs a call into the runtime); a full pool lets the instance go (so, rarely, does a giver
/// that finds its cell still being emptied by a taker), an empty one says so.
/// </summary>
internal sealed class EntityDataPool
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private PaddedLong _give;
    private PaddedLong _take;

    public EntityDataPool(int capacity)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2));
        _cells = new Cell[size];
        _mask = size - 1;
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }
    }

    public int Capacity => _cells.Length;

    /// <summary>Keeps <paramref name="item"/> for a later <see cref="TryTake"/>; false when the pool is full.</summary>
    public bool TryGive(EntityData item)
    {
        var cells = _cells;
        while (true)
        {
            var position = Volatile.Read(ref _give.Value);
            ref var cell = ref cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            if (sequence == position)
            {
                if (Interlocked.CompareExchange(ref _give.Value, position + 1, position) == position)
                {
                    cell.Item = item;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }
            }
            else if (sequence < position)
            {
                return false; // a whole lap behind: the cell still holds an item nobody took
            }
        }
    }

    /// <summary>An instance given back earlier, or null when the pool is empty.</summary>
    public EntityData? TryTake()
    {
        var cells = _cells;
        while (true)
        {
            var position = Volatile.Read(ref _take.Value);
            ref var cell = ref cells[position & _mask];
            var sequence = Volatile.Read(ref cell.Sequence);
            if (sequence == position + 1)
            {
                if (Interlocked.CompareExchange(ref _take.Value, position + 1, position) == position)
                {
                    var item = cell.Item;
                    cell.Item = null;
                    Volatile.Write(ref cell.Sequence, position + _mask + 1);
                    return item;
                }
            }
            else if (sequence < position + 1)
            {
                return null; // nothing given at this position yet
            }
        }
    }

    private struct Cell
    {
        public long Sequence;
        public EntityData? Item;
    }
}
