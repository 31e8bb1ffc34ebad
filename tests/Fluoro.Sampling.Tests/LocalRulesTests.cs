using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class LocalRulesTests
{
    private const string VersionTwo = """
        { "version": 2,
          "default": { "fixed_target": 1, "rate": 0.05 },
          "rules": [ { "description": "checkout", "host": "*", "http_method": "*", "url_path": "/checkout", "fixed_target": 10, "rate": 0.05 } ] }
        """;

    [Fact]
    public void ParsesTheDocumentedVersionTwoFile()
    {
        var rules = LocalSamplingRules.Parse(VersionTwo);
        Assert.Equal(2, rules.Version);
        Assert.Equal((1, 0.05), (rules.DefaultFixedTarget, rules.DefaultRate));
        Assert.Equal(new LocalSamplingRule("*", "*", "/checkout", 10, 0.05, "checkout"), Assert.Single(rules.Rules));
    }

    [Fact]
    public void VersionOneNamesTheHostServiceName()
    {
        var rules = LocalSamplingRules.Parse("""
            { "version": 1, "default": { "fixed_target": 0, "rate": 0 },
              "rules": [ { "service_name": "api.example.com", "http_method": "GET", "url_path": "/ping", "fixed_target": 0, "rate": 1 } ] }
            """);
        Assert.Equal("api.example.com", Assert.Single(rules.Rules).Host);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{ "default": { "fixed_target": 1, "rate": 0.05 } }""", "version")]
    [InlineData("""{ "version": 3, "default": { "fixed_target": 1, "rate": 0.05 } }""", "version")]
    [InlineData("""{ "version": 2 }""", "\"default\" object")]
    [InlineData("""{ "version": 2, "default": { "fixed_target": 1, "rate": 5 } }""", "rate")]
    [InlineData("""{ "version": 2, "default": { "fixed_target": 1, "rate": 0.1, "host": "x" } }""", "unknown attribute")]
    [InlineData("""{ "version": 2, "default": { "fixed_target": 1, "rate": 0.1 }, "rules": [ { "http_method": "*", "url_path": "*", "fixed_target": 1, "rate": 0 } ] }""", "rules[0] needs a string \"host\"")]
    public void InvalidFilesAreExplained(string json, string fragment)
    {
        var ex = Assert.Throws<FormatException>(() => LocalSamplingRules.Parse(json));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSamplerAppliesLocalRulesInFileOrderBeforeTheDefault()
    {
        var time = new FakeTimeProvider(Start);
        var sampler = new Sampler(time, new SamplerOptions { LocalRules = LocalSamplingRules.Parse(VersionTwo), NextDouble = () => 0.99 });

        var checkout = new SamplingRequest("shop", null, "shop.example.com", "POST", "/checkout");
        var other = new SamplingRequest("shop", null, "shop.example.com", "GET", "/home");
        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => sampler.ShouldSample(checkout).Sampled));
        Assert.Equal(1, Enumerable.Range(0, 20).Count(_ => sampler.ShouldSample(other).Sampled));
    }
}
