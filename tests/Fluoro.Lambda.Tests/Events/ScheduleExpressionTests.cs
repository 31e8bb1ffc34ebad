using Fluoro.Lambda.Events;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>EventBridge schedule expressions: what is accepted and when cron(...) fires (UTC).</summary>
public sealed class ScheduleExpressionTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset? Next(string expression, DateTimeOffset after)
    {
        Assert.True(Schedule.TryParse(expression, out var schedule, out var error), error);
        return schedule!.Next(after, after);
    }

    [Theory]
    [InlineData("rate(1 minute)")]
    [InlineData("rate(10 minutes)")]
    [InlineData("rate(1 hour)")]
    [InlineData("rate(12 hours)")]
    [InlineData("rate(1 day)")]
    [InlineData("rate(7 days)")]
    [InlineData("cron(0 12 * * ? *)")]
    [InlineData("cron(0/15 * ? * MON-FRI *)")]
    [InlineData("cron(0 12 ? * 2#1 *)")]
    [InlineData("cron(15 10 ? * 6L 2026-2030)")]
    [InlineData("cron(0 8 L * ? *)")]
    [InlineData("cron(0 8 1W * ? *)")]
    [InlineData("cron(0 18 ? JAN,JUL SUN 2030/2)")]
    public void EventBridge_accepts(string expression)
    {
        Assert.True(Schedule.TryParse(expression, out _, out var error), error);
    }

    [Theory]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(30 seconds)")]
    [InlineData("cron(0 12 * * *)")]
    [InlineData("cron(0 12 * * * *)")]
    [InlineData("cron(0 12 ? * ? *)")]
    [InlineData("cron(0 25 * * ? *)")]
    [InlineData("cron(0 12 ? * 8 *)")]
    [InlineData("cron(0 12 * * ? 1969)")]
    [InlineData("cron(0 12 * * ? 2200)")]
    [InlineData("every day")]
    [InlineData("")]
    public void EventBridge_refuses_with_its_message(string expression)
    {
        Assert.False(Schedule.TryParse(expression, out _, out var error));
        Assert.Equal("Parameter ScheduleExpression is not valid.", error);
    }

    [Fact]
    public void Weekdays_count_from_sunday_as_one_in_lists_steps_and_nth_forms()
    {
        var saturday = Utc(2026, 11, 28, 13);

        // 1/2 is Sunday, Tuesday, Thursday, Saturday; the step itself is not a weekday.
        Assert.Equal(Utc(2026, 11, 29, 12), Next("cron(0 12 ? * 1/2 *)", saturday));
        Assert.Equal(Utc(2026, 12, 1, 12), Next("cron(0 12 ? * 1/2 *)", Utc(2026, 11, 29, 13)));

        // 2#1 is the first Monday of the month; 6L the last Friday; a bare L is Saturday.
        Assert.Equal(Utc(2026, 12, 7, 9), Next("cron(0 9 ? * 2#1 *)", saturday));
        Assert.Equal(Utc(2026, 12, 25, 9), Next("cron(0 9 ? * 6L *)", saturday));
        Assert.Equal(Utc(2026, 12, 5, 9), Next("cron(0 9 ? * L *)", saturday));
    }

    [Fact]
    public void The_year_field_limits_occurrences()
    {
        var now = Utc(2026, 11, 28);
        Assert.Equal(Utc(2030, 1, 1, 12), Next("cron(0 12 1 1 ? 2030)", now));
        Assert.Equal(Utc(2028, 1, 1, 12), Next("cron(0 12 1 1 ? 2024/4)", now));
        Assert.Equal(Utc(2026, 12, 1, 12), Next("cron(0 12 1 * ? 2026,2031)", now));
        Assert.Equal(Utc(2031, 1, 1, 12), Next("cron(0 12 1 * ? 2026,2031)", Utc(2026, 12, 1, 12)));
        Assert.Null(Next("cron(0 12 1 1 ? 2020)", now));
    }

    [Fact]
    public void Rates_fire_on_whole_periods_from_their_anchor()
    {
        var anchor = Utc(2026, 11, 28, 14, 0).AddSeconds(30);
        Assert.True(Schedule.TryParse("rate(5 minutes)", out var schedule, out _));
        Assert.Equal(anchor.AddMinutes(5), schedule!.Next(anchor, anchor));
        Assert.Equal(anchor.AddMinutes(10), schedule.Next(anchor.AddMinutes(5), anchor));
        Assert.Equal(anchor.AddMinutes(10), schedule.Next(anchor.AddMinutes(7), anchor));
    }
}
