namespace Fluoro.Lambda.Execution;

/// <summary>
/// The instances of one function version. Warm instances are reused (most recently used first, so idle
/// ones age out); new ones are created up to <see cref="Limit"/>; beyond that callers wait in line for an
/// instance to become idle. A retired pool (code or configuration changed) stops each instance as soon as
/// it is idle.
/// </summary>
internal sealed class InstancePool(string key, Func<FunctionInstance> factory, int limit)
{
    private readonly Lock _lock = new();
    private readonly Stack<FunctionInstance> _idle = new();
    private readonly HashSet<FunctionInstance> _all = [];
    private readonly LinkedList<TaskCompletionSource<InstanceLease>> _waiters = new();
    private readonly HashSet<FunctionInstance> _finishing = [];
    private static readonly TimeSpan WarmWait = TimeSpan.FromMilliseconds(500);
    private bool _retired;

    public string Key { get; } = key;

    public int Limit { get; set; } = limit;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _all.Count;
            }
        }
    }

    public int IdleCount
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// Gets an idle or new instance, or waits up to <paramref name="wait"/>; null means throttled. When an
    /// instance has just answered and is about to ask for work again, a short wait for it beats a cold start.
    /// </summary>
    public async Task<InstanceLease?> AcquireAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<InstanceLease>>? node = null;
        lock (_lock)
        {
            if (TryTakeLocked(out var lease))
            {
                return lease;
            }

            if (_finishing.Count > _waiters.Count)
            {
                node = _waiters.AddLast(new TaskCompletionSource<InstanceLease>(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            else if (_all.Count < Limit && !_retired)
            {
                return new InstanceLease(CreateLocked(), true);
            }
        }

        if (node is not null)
        {
            var handed = await WaitAsync(node, WarmWait, time, cancellationToken);
            if (handed is not null)
            {
                return handed;
            }

            lock (_lock)
            {
                if (TryTakeLocked(out var lease))
                {
                    return lease;
                }

                if (_all.Count < Limit && !_retired)
                {
                    return new InstanceLease(CreateLocked(), true);
                }
            }
        }

        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        lock (_lock)
        {
            node = _waiters.AddLast(new TaskCompletionSource<InstanceLease>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return await WaitAsync(node, wait, time, cancellationToken);
    }

    /// <summary>Marks an instance that has answered and will ask for work shortly.</summary>
    public void NoteFinishing(FunctionInstance instance)
    {
        lock (_lock)
        {
            if (!instance.IsDead && !_idle.Contains(instance))
            {
                _finishing.Add(instance);
            }
        }
    }

    private bool TryTakeLocked(out InstanceLease lease)
    {
        while (_idle.TryPop(out var idle))
        {
            if (!idle.IsDead)
            {
                lease = new InstanceLease(idle, false);
                return true;
            }
        }

        lease = default;
        return false;
    }

    private async Task<InstanceLease?> WaitAsync(LinkedListNode<TaskCompletionSource<InstanceLease>> node, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var waiter = node.Value;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var done = await Task.WhenAny(waiter.Task, Task.Delay(wait, time, cancel.Token));
        await cancel.CancelAsync();
        if (done == waiter.Task)
        {
            return await waiter.Task;
        }

        lock (_lock)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
            }
        }

        // A lease may have been handed over between the timeout and the removal; keep it.
        if (waiter.Task.IsCompletedSuccessfully)
        {
            return waiter.Task.Result;
        }

        return null;
    }

    /// <summary>Stops every idle instance and the busy ones when they finish.</summary>
    public void Retire()
    {
        List<FunctionInstance> idle;
        lock (_lock)
        {
            _retired = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var instance in idle)
        {
            instance.Kill("configuration changed");
        }
    }

    /// <summary>Stops idle instances unused since <paramref name="cutoff"/>.</summary>
    public void Reap(DateTimeOffset cutoff)
    {
        List<FunctionInstance> stale;
        lock (_lock)
        {
            stale = [.. _idle.Where(i => i.LastUsed < cutoff)];
            if (stale.Count == 0)
            {
                return;
            }

            var keep = _idle.Where(i => i.LastUsed >= cutoff).Reverse().ToList();
            _idle.Clear();
            foreach (var instance in keep)
            {
                _idle.Push(instance);
            }
        }

        foreach (var instance in stale)
        {
            instance.Kill("idle");
        }
    }

    public async Task StopAllAsync()
    {
        List<FunctionInstance> all;
        lock (_lock)
        {
            _retired = true;
            all = [.. _all];
            _idle.Clear();
        }

        await Task.WhenAll(all.Select(i => i.StopAsync("shutdown")));
    }

    private FunctionInstance CreateLocked()
    {
        var instance = factory();
        _all.Add(instance);
        instance.BecameIdle += Return;
        instance.Stopped += OnStopped;
        return instance;
    }

    private void Return(FunctionInstance instance)
    {
        TaskCompletionSource<InstanceLease>? waiter = null;
        var kill = false;
        lock (_lock)
        {
            _finishing.Remove(instance);
            if (_retired)
            {
                kill = true;
            }
            else if (_waiters.First is { } first)
            {
                waiter = first.Value;
                _waiters.RemoveFirst();
            }
            else
            {
                _idle.Push(instance);
            }
        }

        if (kill)
        {
            instance.Kill("configuration changed");
        }
        else
        {
            waiter?.TrySetResult(new InstanceLease(instance, false));
        }
    }

    private void OnStopped(FunctionInstance instance)
    {
        TaskCompletionSource<InstanceLease>? waiter = null;
        FunctionInstance? replacement = null;
        lock (_lock)
        {
            _all.Remove(instance);
            _finishing.Remove(instance);
            if (!_retired && _waiters.First is { } first && _all.Count < Limit)
            {
                waiter = first.Value;
                _waiters.RemoveFirst();
                replacement = CreateLocked();
            }
        }

        if (waiter is not null && replacement is not null)
        {
            waiter.TrySetResult(new InstanceLease(replacement, true));
        }
    }
}
