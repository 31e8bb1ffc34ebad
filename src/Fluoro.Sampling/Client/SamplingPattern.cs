namespace Fluoro.Sampling;

/// <summary>
/// The wildcard matching X-Ray SDKs apply to rule fields: <c>*</c> is any run of characters (also none), <c>?</c> is
/// exactly one, letters compare case-insensitively. <c>"*"</c> matches everything, an empty pattern only empty text.
/// </summary>
public static class SamplingPattern
{
    public static bool IsMatch(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        if (pattern.Length == 0)
        {
            return text.Length == 0;
        }

        if (pattern is "*")
        {
            return true;
        }

        // Greedy scan with one backtrack point: on a mismatch after a '*', let that '*' swallow one more character.
        int t = 0, p = 0, starText = -1, starPattern = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || SameLetter(text[t], pattern[p])))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starPattern = p++;
                starText = t;
            }
            else if (starPattern >= 0)
            {
                p = starPattern + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// How SDKs match a request attribute against a rule field: an attribute the request does not have (null or
    /// empty) matches any pattern.
    /// </summary>
    public static bool AttributeMatches(string? value, string? pattern) =>
        string.IsNullOrEmpty(value) || IsMatch(value, pattern ?? string.Empty);

    private static bool SameLetter(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
