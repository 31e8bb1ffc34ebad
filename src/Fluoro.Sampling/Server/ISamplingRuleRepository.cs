namespace Fluoro.Sampling;

/// <summary>Where <see cref="SamplingRuleService"/> keeps its rules between runs.</summary>
public interface ISamplingRuleRepository
{
    /// <summary>The saved state, or null when nothing was saved yet.</summary>
    ValueTask<SamplingRuleState?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the saved state; must not leave a half-written state behind.</summary>
    ValueTask SaveAsync(SamplingRuleState state, CancellationToken cancellationToken = default);
}
