using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Fluoro.Lambda.Events;

/// <summary>
/// The six fields of an EventBridge <c>cron(...)</c> expression (minutes hours day-of-month month day-of-week
/// year), evaluated in UTC. EventBridge differs from the cron Cronos reads in three ways handled here: exactly one
/// of day-of-month and day-of-week must be <c>?</c>; day-of-week numbers run 1–7 from Sunday (so <c>2#1</c> is the
/// first Monday and a bare <c>L</c> is Saturday); and there is a year field (1970–2199), which Cronos lacks and
/// which is applied as a filter over Cronos' occurrences.
/// </summary>
internal sealed partial class AwsCronExpression
{
    private const int FirstYear = 1970;
    private const int LastYear = 2199;

    private readonly CronExpression _cron;

    // Allowed years, indexed from FirstYear; null when the field is "*".
    private readonly bool[]? _years;

    private AwsCronExpression(CronExpression cron, bool[]? years)
    {
        _cron = cron;
        _years = years;
    }

    // A weekday number that starts a value: not the occurrence after '#', not a step after '/'.
    [GeneratedRegex(@"(?<![#/\d])\d+")]
    private static partial Regex WeekdayNumber();

    [GeneratedRegex(@"^(\*|\d{4}(-\d{4})?)(/\d+)?$")]
    private static partial Regex YearItem();

    /// <summary>Parses the text between the parentheses of <c>cron(...)</c>; false when EventBridge would refuse it.</summary>
    public static bool TryParse(string fields, out AwsCronExpression? expression)
    {
        expression = null;
        var parts = fields.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6 || (parts[2] == "?") == (parts[4] == "?"))
        {
            return false;
        }

        if (parts[0].Contains('?', StringComparison.Ordinal) || parts[1].Contains('?', StringComparison.Ordinal)
            || parts[3].Contains('?', StringComparison.Ordinal) || parts[5].Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        var dayOfWeek = parts[4] == "?" ? "*" : ToCronosWeekdays(parts[4]);
        if (dayOfWeek is null || !TryParseYears(parts[5], out var years))
        {
            return false;
        }

        var dayOfMonth = parts[2] == "?" ? "*" : parts[2];
        try
        {
            var cron = CronExpression.Parse(string.Join(' ', parts[0], parts[1], dayOfMonth, parts[3], dayOfWeek), CronFormat.Standard);
            expression = new AwsCronExpression(cron, years);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var from = after;
        var inclusive = false;
        while (true)
        {
            if (_cron.GetNextOccurrence(from, TimeZoneInfo.Utc, inclusive) is not { } next)
            {
                return null;
            }

            if (_years is null || (next.Year <= LastYear && _years[next.Year - FirstYear]))
            {
                return next;
            }

            // Skip straight to the next allowed year rather than stepping through every occurrence in between.
            var year = next.Year + 1;
            while (year <= LastYear && !_years[year - FirstYear])
            {
                year++;
            }

            if (year > LastYear)
            {
                return null;
            }

            from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            inclusive = true;
        }
    }

    private static string? ToCronosWeekdays(string field)
    {
        if (field == "L")
        {
            return "SAT";
        }

        var valid = true;
        var converted = WeekdayNumber().Replace(field, m =>
        {
            var n = int.Parse(m.Value, CultureInfo.InvariantCulture);
            valid &= n is >= 1 and <= 7;
            return (n - 1).ToString(CultureInfo.InvariantCulture);
        });
        return valid ? converted : null;
    }

    private static bool TryParseYears(string field, out bool[]? years)
    {
        years = null;
        if (field == "*")
        {
            return true;
        }

        var allowed = new bool[LastYear - FirstYear + 1];
        foreach (var item in field.Split(','))
        {
            if (!YearItem().IsMatch(item))
            {
                return false;
            }

            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? item : item[..slash];
            var step = slash < 0 ? 1 : int.Parse(item[(slash + 1)..], CultureInfo.InvariantCulture);
            int first, last;
            if (range == "*")
            {
                (first, last) = (FirstYear, LastYear);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                first = int.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);

                // "2030/5" means from 2030 every fifth year; a single year without a step is just that year.
                last = dash >= 0 ? int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture) : slash < 0 ? first : LastYear;
            }

            if (step < 1 || first < FirstYear || last > LastYear || first > last)
            {
                return false;
            }

            for (var year = first; year <= last; year += step)
            {
                allowed[year - FirstYear] = true;
            }
        }

        years = allowed;
        return true;
    }
}
