using Fluoro.Sampling;

namespace Fluoro.Sampling.Tests;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("anything", "*", true)]
    [InlineData("", "*", true)]
    [InlineData("", "", true)]
    [InlineData("a", "", false)]
    [InlineData("/api/state/42", "/api/state/*", true)]
    [InlineData("/api/state", "/api/state/*", false)]
    [InlineData("/api/game/1/move", "/api/*/move", true)]
    [InlineData("/api/game/1/move/x", "/api/*/move", false)]
    [InlineData("GET", "get", true)]
    [InlineData("Scorekeep", "SCORE*", true)]
    [InlineData("abc", "a?c", true)]
    [InlineData("ac", "a?c", false)]
    [InlineData("abbbc", "a*b*c", true)]
    [InlineData("abcabd", "*abd", true)]
    [InlineData("mississippi", "m*iss*ppi", true)]
    [InlineData("mississippi", "m*iss*ppx", false)]
    [InlineData("xyz", "***", true)]
    [InlineData("xyz", "x**z", true)]
    [InlineData("xyz", "?y?", true)]
    [InlineData("xyz", "????", false)]
    public void MatchesLikeTheSdks(string text, string pattern, bool expected) =>
        Assert.Equal(expected, SamplingPattern.IsMatch(text, pattern));

    [Theory]
    [InlineData(null, "Scorekeep")]
    [InlineData("", "/only/this")]
    public void AbsentRequestAttributesMatchAnyPattern(string? value, string pattern) =>
        Assert.True(SamplingPattern.AttributeMatches(value, pattern));
}
