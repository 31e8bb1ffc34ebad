namespace Fluoro.Sampling.Tests;

/// <summary>A text and a wildcard pattern to match it against.</summary>
public sealed record WildcardCase(string Text, string Pattern);
