using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class PropertyTests
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(SamplingArbitraries)])]
    public bool WildcardAgreesWithARegexOracle(WildcardCase c)
    {
        var regex = "^" + string.Concat(c.Pattern.Select(ch => ch switch
        {
            '*' => ".*",
            '?' => ".",
            _ => Regex.Escape(ch.ToString()),
        })) + "$";
        var expected = Regex.IsMatch(c.Text, regex, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        return SamplingPattern.IsMatch(c.Text, c.Pattern) == expected;
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(SamplingArbitraries)])]
    public bool QuotasOfAStableFleetAddUpToTheReservoir(FleetCase fleet)
    {
        var time = new FakeTimeProvider(Start + TimeSpan.FromSeconds(fleet.SecondsIntoMinute % 50));
        var service = new SamplingRuleService(time);
        service.CreateSamplingRuleAsync(Create(Custom("r", reservoir: fleet.ReservoirSize))).GetAwaiter().GetResult();
        double Now() => time.GetUtcNow().ToUnixTimeSeconds();
        GetSamplingTargetsResponse Report(int client) =>
            service.GetSamplingTargets(new GetSamplingTargetsRequest { SamplingStatisticsDocuments = [Stats("r", Client(client), Now(), 10 * (client + 1))] });

        for (var i = 0; i < fleet.Clients; i++)
        {
            Report(i);
        }

        // Everyone reports again within the same minute; the quotas handed out must sum to the rule's size.
        var quotas = Enumerable.Range(0, fleet.Clients).Select(i => Report(i).SamplingTargetDocuments[0].ReservoirQuota!.Value).ToList();
        return quotas.Sum() == fleet.ReservoirSize && quotas.Max() - quotas.Min() <= 1;
    }
}
