namespace Fluoro.Sampling;

/// <summary>A client's latest report for a rule: when we heard from it and how many requests it matched.</summary>
internal sealed class ClientReport
{
    public double LastSeen { get; set; }

    public long RequestCount { get; set; }
}
