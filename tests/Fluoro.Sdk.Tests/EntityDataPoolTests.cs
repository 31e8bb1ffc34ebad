namespace Fluoro.Sdk.Tests;

public sealed class EntityDataPoolTests
{
    [Fact]
    public void Gives_back_in_order_refuses_when_full_and_is_empty_after()
    {
        var pool = new EntityDataPool(4);
        var items = Enumerable.Range(0, 5).Select(_ => new EntityData()).ToArray();

        Assert.Null(pool.TryTake());
        Assert.All(items.Take(4), item => Assert.True(pool.TryGive(item)));
        Assert.False(pool.TryGive(items[4]));

        Assert.Same(items[0], pool.TryTake());
        Assert.True(pool.TryGive(items[4]));
        Assert.Same(items[1], pool.TryTake());
        Assert.Same(items[2], pool.TryTake());
        Assert.Same(items[3], pool.TryTake());
        Assert.Same(items[4], pool.TryTake());
        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void Concurrent_givers_and_takers_never_hand_one_instance_to_two_takers_and_lose_none_they_did_not_refuse()
    {
        const int Items = 64;
        const int Threads = 4;
        const int Rounds = 50_000;
        var pool = new EntityDataPool(2 * Items);
        var items = Enumerable.Range(0, Items).Select(_ => new EntityData()).ToArray();
        var index = items.Select((item, i) => (item, i)).ToDictionary(p => p.item, p => p.i); // EntityData compares by reference
        var inUse = new int[Items];
        foreach (var item in items)
        {
            Assert.True(pool.TryGive(item));
        }

        var doubleHanded = 0;
        var refused = 0; // a giver may find a cell whose taker has not finished yet: the instance is let go, not kept
        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                if (pool.TryTake() is not { } taken)
                {
                    continue;
                }

                var i = index[taken];
                if (Interlocked.Exchange(ref inUse[i], 1) != 0)
                {
                    Interlocked.Increment(ref doubleHanded);
                }

                Volatile.Write(ref inUse[i], 0);
                if (!pool.TryGive(taken))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(0, doubleHanded);
        var left = new HashSet<EntityData>();
        while (pool.TryTake() is { } item)
        {
            Assert.True(left.Add(item));
        }

        Assert.Equal(Items, left.Count + refused);
    }
}
