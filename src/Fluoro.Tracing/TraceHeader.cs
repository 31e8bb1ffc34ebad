using System.Text;

namespace Fluoro.Tracing;

/// <summary>
/// The <c>X-Amzn-Trace-Id</c> header: <c>Root</c>, <c>Parent</c>, <c>Sampled</c>, <c>Self</c>, <c>Lineage</c>
/// and any other <c>key=value</c> pairs, which are kept in order so that a round trip loses nothing.
/// </summary>
public sealed record TraceHeader
{
    /// <summary>The HTTP header name.</summary>
    public const string HeaderName = "X-Amzn-Trace-Id";

    /// <summary>The trace id (<c>Root</c>); may be absent when only <c>Self</c> was sent.</summary>
    public TraceId? Root { get; init; }

    /// <summary>The caller's (sub)segment id (<c>Parent</c>).</summary>
    public SegmentId? Parent { get; init; }

    /// <summary>The upstream sampling decision.</summary>
    public SamplingDecision Sampled { get; init; }

    /// <summary><c>Self</c>, written by load balancers; kept verbatim.</summary>
    public string? Self { get; init; }

    /// <summary><c>Lineage</c>, written by Lambda and other AWS services; kept verbatim.</summary>
    public string? Lineage { get; init; }

    /// <summary>Every other field, in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Additional { get; init; } = [];

    /// <summary>
    /// Parses a header value. Fields are separated by <c>;</c>; keys are matched case-insensitively;
    /// whitespace around fields is ignored. Returns false when a <c>Root</c> or <c>Parent</c> is present
    /// but malformed, or when the value holds neither a root nor a self id.
    /// </summary>
    public static bool TryParse(string? value, out TraceHeader header)
    {
        header = Empty;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048)
        {
            return false;
        }

        TraceId? root = null;
        SegmentId? parent = null;
        var sampled = SamplingDecision.Unknown;
        string? self = null;
        string? lineage = null;
        List<KeyValuePair<string, string>>? additional = null;

        foreach (var range in value.AsSpan().Split(';'))
        {
            var field = value.AsSpan()[range].Trim();
            if (field.IsEmpty)
            {
                continue;
            }

            var eq = field.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var key = field[..eq].Trim();
            var text = field[(eq + 1)..].Trim();
            if (key.Equals("Root", StringComparison.OrdinalIgnoreCase))
            {
                if (!TraceId.TryParse(text, out var id))
                {
                    return false;
                }

                root = id;
            }
            else if (key.Equals("Parent", StringComparison.OrdinalIgnoreCase))
            {
                if (!SegmentId.TryParse(text, out var id))
                {
                    return false;
                }

                parent = id;
            }
            else if (key.Equals("Sampled", StringComparison.OrdinalIgnoreCase))
            {
                sampled = text switch
                {
                    "1" => SamplingDecision.Sampled,
                    "0" => SamplingDecision.NotSampled,
                    "?" => SamplingDecision.Requested,
                    _ => SamplingDecision.Unknown,
                };
            }
            else if (key.Equals("Self", StringComparison.OrdinalIgnoreCase))
            {
                self = text.ToString();
            }
            else if (key.Equals("Lineage", StringComparison.OrdinalIgnoreCase))
            {
                lineage = text.ToString();
            }
            else
            {
                (additional ??= []).Add(new(key.ToString(), text.ToString()));
            }
        }

        if (root is null && self is null)
        {
            return false;
        }

        header = new TraceHeader
        {
            Root = root,
            Parent = parent,
            Sampled = sampled,
            Self = self,
            Lineage = lineage,
            Additional = (IReadOnlyList<KeyValuePair<string, string>>?)additional ?? [],
        };
        return true;
    }

    /// <summary>A header with nothing in it.</summary>
    public static TraceHeader Empty { get; } = new();

    /// <summary>Formats as <c>Root=…;Parent=…;Sampled=…;Lineage=…</c> plus the kept fields.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(128);
        void Append(string key, string value)
        {
            if (builder.Length > 0)
            {
                builder.Append(';');
            }

            builder.Append(key).Append('=').Append(value);
        }

        if (Self is not null)
        {
            Append("Self", Self);
        }

        if (Root is { } root)
        {
            Append("Root", root.ToString());
        }

        if (Parent is { } parent)
        {
            Append("Parent", parent.ToString());
        }

        switch (Sampled)
        {
            case SamplingDecision.Sampled:
                Append("Sampled", "1");
                break;
            case SamplingDecision.NotSampled:
                Append("Sampled", "0");
                break;
            case SamplingDecision.Requested:
                Append("Sampled", "?");
                break;
        }

        if (Lineage is not null)
        {
            Append("Lineage", Lineage);
        }

        foreach (var (key, value) in Additional)
        {
            Append(key, value);
        }

        return builder.ToString();
    }
}
