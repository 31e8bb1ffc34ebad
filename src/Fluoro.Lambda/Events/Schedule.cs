using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Fluoro.Lambda.Events;

/// <summary>
/// An EventBridge schedule expression: <c>rate(N unit)</c> or <c>cron(min hour dom month dow year)</c>,
/// where day-of-week counts 1–7 from Sunday and one of day-of-month/day-of-week is <c>?</c>.
/// </summary>
internal sealed partial class Schedule
{
    private readonly TimeSpan? _rate;
    private readonly CronExpression? _cron;

    private Schedule(TimeSpan? rate, CronExpression? cron)
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
                error = "Parameter ScheduleExpression is not valid: use rate(1 minute) or rate(N minutes).";
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

        var fields = cron.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            error = "Parameter ScheduleExpression is not valid: cron() takes 6 fields (minutes hours day-of-month month day-of-week year).";
            return false;
        }

        // EventBridge numbers weekdays 1-7 from Sunday; Cronos 0-6. The year field is not supported by Cronos
        // and only "*" (every year) is honoured here.
        var dow = Regex.Replace(fields[4], @"\d+", m => (int.Parse(m.Value, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        var text = string.Join(' ', fields[0], fields[1], fields[2].Replace('?', '*'), fields[3], dow.Replace('?', '*'));
        try
        {
            schedule = new Schedule(null, CronExpression.Parse(text, CronFormat.Standard));
            return true;
        }
        catch (CronFormatException ex)
        {
            error = "Parameter ScheduleExpression is not valid: " + ex.Message;
            return false;
        }
    }

    /// <summary>The first firing strictly after <paramref name="after"/>; rates count from <paramref name="anchor"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (_rate is { } rate)
        {
            var periods = Math.Floor((after - anchor) / rate) + 1;
            return anchor + (rate * periods);
        }

        return _cron!.GetNextOccurrence(after, TimeZoneInfo.Utc);
    }
}
