namespace Fluoro.Sampling;

/// <summary>Keeps the state in memory only (tests, ephemeral servers).</summary>
public sealed class InMemorySamplingRuleRepository : ISamplingRuleRepository
{
    private SamplingRuleState? _state;

    public SamplingRuleState? State => Volatile.Read(ref _state);

    public ValueTask<SamplingRuleState?> LoadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(State);

    public ValueTask SaveAsync(SamplingRuleState state, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _state, state);
        return ValueTask.CompletedTask;
    }
}
