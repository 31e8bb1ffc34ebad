namespace Fluoro.Sampling;

/// <summary>The API's constraints on rule members (spec §4.7, §4.10, §12), with client-facing messages.</summary>
internal static class SamplingRuleValidation
{
    public const string DefaultRuleName = "Default";
    public const int DefaultPriority = 10000;
    private const string ArnMarker = ":sampling-rule/";

    public static string RequireName(string? name, string member)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32)
        {
            throw SamplingException.Invalid($"{member} must be 1 to 32 characters long.");
        }

        if (name.Any(char.IsControl) || name.Contains('/'))
        {
            throw SamplingException.Invalid($"{member} must not contain '/' or control characters.");
        }

        return name;
    }

    /// <summary>The rule name inside an ARN such as <c>arn:aws:xray:us-east-1:123456789012:sampling-rule/Default</c>.</summary>
    public static string NameFromArn(string arn, string member)
    {
        var at = arn.LastIndexOf(ArnMarker, StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || at < 0 || arn.Length > 500)
        {
            throw SamplingException.Invalid($"{member} '{arn}' is not a sampling rule ARN.");
        }

        return RequireName(arn[(at + ArnMarker.Length)..], member);
    }

    /// <summary>The rule a request names by RuleName, RuleARN, or both when they agree.</summary>
    public static string ResolveName(string? ruleName, string? ruleArn, string owner)
    {
        if (ruleName is null && ruleArn is null)
        {
            throw SamplingException.Invalid($"{owner} needs a RuleName or a RuleARN.");
        }

        var fromArn = ruleArn is null ? null : NameFromArn(ruleArn, "RuleARN");
        if (ruleName is not null)
        {
            RequireName(ruleName, "RuleName");
            if (fromArn is not null && !string.Equals(fromArn, ruleName, StringComparison.Ordinal))
            {
                throw SamplingException.Invalid("RuleName and RuleARN name different rules; give only one.");
            }

            return ruleName;
        }

        return fromArn!;
    }

    public static T Require<T>(T? value, string member)
        where T : struct =>
        value ?? throw SamplingException.Invalid($"SamplingRule.{member} is required.");

    public static string RequireString(string? value, string member, int maxLength)
    {
        if (value is null)
        {
            throw SamplingException.Invalid($"SamplingRule.{member} is required.");
        }

        return CheckString(value, member, maxLength);
    }

    public static string CheckString(string value, string member, int maxLength) =>
        value.Length <= maxLength ? value : throw SamplingException.Invalid($"{member} must be at most {maxLength} characters long.");

    public static int CheckPriority(int priority) =>
        priority is >= 1 and <= 9999 ? priority : throw SamplingException.Invalid("Priority must be between 1 and 9999.");

    public static double CheckFixedRate(double rate) =>
        double.IsFinite(rate) && rate is >= 0 and <= 1 ? rate : throw SamplingException.Invalid("FixedRate must be between 0 and 1.");

    public static int CheckReservoirSize(int size) =>
        size >= 0 ? size : throw SamplingException.Invalid("ReservoirSize must be 0 or more.");

    public static int CheckVersion(int version) =>
        version >= 1 ? version : throw SamplingException.Invalid("Version must be 1 or more.");

    public static IReadOnlyDictionary<string, string> CheckAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (attributes.Count > 5)
        {
            throw SamplingException.Invalid("Attributes can have at most 5 entries.");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length is < 1 or > 32 || value is null || value.Length is < 1 or > 32)
            {
                throw SamplingException.Invalid("Attribute keys and values must be 1 to 32 characters long.");
            }
        }

        return new Dictionary<string, string>(attributes, StringComparer.Ordinal);
    }

    public static SamplingRateBoost? CheckBoost(SamplingRateBoost? boost)
    {
        if (boost is null)
        {
            return null;
        }

        if (boost.MaxRate is not { } max || !double.IsFinite(max) || max is < 0 or > 1)
        {
            throw SamplingException.Invalid("SamplingRateBoost.MaxRate is required and must be between 0 and 1.");
        }

        if (boost.CooldownWindowMinutes is not >= 0)
        {
            throw SamplingException.Invalid("SamplingRateBoost.CooldownWindowMinutes is required and must be 0 or more.");
        }

        return boost;
    }

    public static IReadOnlyList<ResourceTag> CheckTags(IReadOnlyList<ResourceTag>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        if (tags.Count > 50)
        {
            throw SamplingException.Invalid("A sampling rule can have at most 50 tags.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (tag?.Key is not { Length: >= 1 and <= 128 } key || tag.Value is not { Length: <= 256 })
            {
                throw SamplingException.Invalid("Tag keys must be 1 to 128 characters and values at most 256 characters.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw SamplingException.Invalid("Tag keys starting with 'aws:' are reserved.");
            }

            if (!seen.Add(key))
            {
                throw SamplingException.Invalid($"Tag key '{key}' is given more than once.");
            }
        }

        return [.. tags];
    }

    /// <summary>Evaluation order: ascending priority, then rule name (ordinal).</summary>
    public static int Compare(SamplingRule a, SamplingRule b)
    {
        var byPriority = (a.Priority ?? DefaultPriority).CompareTo(b.Priority ?? DefaultPriority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.RuleName, b.RuleName);
    }
}
