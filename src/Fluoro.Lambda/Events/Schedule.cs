using System.Globalization;
using System.Text.RegularExpressions;

namespace Fluoro.Lambda.Events;

/// <summary>
/// An EventBridge schedule expression: <c>rate(N unit)</c> or <c>cron(min hour dom month dow year)</c>,
/// where day-of-week counts 1–7 from Sunday and one of day-of-month/day-of-week is <c>?</c>.
/// </summary>
internal sealed partial class Schedule
{
    private readonly TimeSpan? _rate;
    private readonly AwsCronExpression? _cron;

    private Schedule(TimeSpan? rate, AwsCronExpression? cron)
    {
        _rate = rate;
        _cron = cron;
    }

    [GeneratedRegex(@"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\((.+)\)$")]
    private static partial Regex CronPattern();

    public static bool TryParse(string expression, out Schedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        var rate = RatePattern().Match(expression.Trim());
        if (rate.Success)
        {
            var n = int.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = rate.Groups[2].Value.TrimEnd('s');
            if (n < 1 || (n == 1) != !rate.Groups[2].Value.EndsWith('s'))
            {
                error = "Parameter ScheduleExpression is not valid.";
                return false;
            }

            schedule = new Schedule(unit switch { "minute" => TimeSpan.FromMinutes(n), "hour" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) }, null);
            return true;
        }

        var cron = CronPattern().Match(expression.Trim());
        if (!cron.Success)
        {
            error = "Parameter ScheduleExpression is not valid.";
            return false;
        }

        if (!AwsCronExpression.TryParse(cron.Groups[1].Value, out var parsed))
        {
            error = "Parameter ScheduleExpression is not valid.";
            return false;
        }

        schedule = new Schedule(null, parsed);
        return true;
    }

    /// <summary>The first firing strictly after <paramref name="after"/>; rates count from <paramref name="anchor"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (_rate is { } rate)
        {
            var periods = Math.Floor((after - anchor) / rate) + 1;
            return anchor + (rate * periods);
        }

        return _cron!.GetNextOccurrence(after);
    }
}
