using Fluoro.Lambda.Events;

namespace Fluoro.Lambda.Tests.Events;

public sealed class ProbeTests
{
    [Theory]
    [InlineData("cron(0 12 ? * 2#1 *)", true)]
    [InlineData("cron(0 12 * * * *)", false)]
    [InlineData("cron(0 12 ? * ? *)", false)]
    [InlineData("rate(5 minute)", false)]
    [InlineData("rate(0 minutes)", false)]
    [InlineData("rate(5 seconds)", false)]
    [InlineData("cron(0 12 ? * MON-FRI 2026-2030)", true)]
    [InlineData("cron(0 12 ? * MON-FRI 1800)", false)]
    [InlineData("cron(0/15 * ? * 1/2 *)", true)]
    [InlineData("cron(0 25 * * ? *)", false)]
    public void Probe(string expression, bool valid)
    {
        var ok = Schedule.TryParse(expression, out _, out var error);
        Assert.True(valid == ok, expression + " -> " + ok + " " + error);
    }

    [Fact]
    public void Year()
    {
        Assert.True(Schedule.TryParse("cron(0 12 1 1 ? 2030)", out var s, out _));
        var now = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), s!.Next(now, now));
    }

    [Fact]
    public void DowStep()
    {
        // AWS 1/2 = SUN, TUE, THU, SAT
        Assert.True(Schedule.TryParse("cron(0 12 ? * 1/2 *)", out var s, out _));
        var sat = new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), s!.Next(sat, sat));
        var sun = new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), s!.Next(sun, sun));
    }
}
