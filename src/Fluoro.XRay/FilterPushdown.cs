using Fluoro.FilterExpressions;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>
/// Derives a store <see cref="TraceFilter"/> from a parsed filter expression: a sound pre-filter that never rejects
/// a trace the evaluator (<see cref="FilterEvaluator"/> over <see cref="TraceFactsBuilder"/>) accepts. Candidates are
/// still confirmed in memory, so results equal evaluating every trace of the window.
/// </summary>
/// <remarks>
/// <para>Each node gets two store filters: <c>Over</c> (every match satisfies it) and <c>Under</c> (everything that
/// satisfies it matches). NOT swaps them, AND/OR combine them pointwise, so negation stays sound. Atoms:</para>
/// <list type="bullet">
/// <item><c>annotation.KEY</c>: exact (facts carry only indexed annotations, see <see cref="TraceFactsBuilder"/>).</item>
/// <item><c>user</c>, <c>availabilityzone</c>, <c>instance.id</c>, <c>resource.arn</c>: exact; they are segment fields,
/// read from every non-subsegment record.</item>
/// <item><c>service()</c>/<c>id()</c>: real nodes are exact (name/origin/account of a non-subsegment record). Inferred
/// downstream nodes come from aws/remote subsegments, whose names (and AWS resource names) the store indexes as
/// downstream names, so <c>Over</c> adds "the trace calls a downstream node of that name"; a target without a name
/// (type or account only) that may be inferred is not pushed down.</item>
/// <item>ok/error/fault/throttle, http.*, name, type, account.id, responsetime at trace scope describe the root
/// segment, which only the assembled trace identifies: <c>Over</c> is "some non-subsegment record has it",
/// <c>Under</c> is false.</item>
/// <item>duration, partial, inferred, edge blocks, rootcause.*: need the whole trace; <c>Over</c> true (edge:
/// both ends' service atoms), <c>Under</c> false.</item>
/// </list>
/// </remarks>
internal static class FilterPushdown
{
    private const int MaxGroupDepth = 8;

    public static TraceFilter Prefilter(FilterNode node, IGroupFilterResolver? groups = null) => Bounds(node, groups, 0).Over;

    private static (TraceFilter Over, TraceFilter Under) Bounds(FilterNode node, IGroupFilterResolver? groups, int depth)
    {
        switch (node)
        {
            case AndNode and:
            {
                var (lo, lu) = Bounds(and.Left, groups, depth);
                var (ro, ru) = Bounds(and.Right, groups, depth);
                return (TraceFilter.And(lo, ro), TraceFilter.And(lu, ru));
            }

            case OrNode or:
            {
                var (lo, lu) = Bounds(or.Left, groups, depth);
                var (ro, ru) = Bounds(or.Right, groups, depth);
                return (TraceFilter.Or(lo, ro), TraceFilter.Or(lu, ru));
            }

            case NotNode not:
            {
                var (over, under) = Bounds(not.Operand, groups, depth);
                return (TraceFilter.Not(under), TraceFilter.Not(over));
            }

            case AnnotationNode annotation:
                var exact = Annotation(annotation);
                return (exact, exact);
            case KeywordNode keyword:
                return Keyword(keyword);
            case ServiceNode service:
            {
                var (over, under) = Service(service.Target);
                return service.Filter is null ? (over, under) : (over, TraceFilter.None);
            }

            case EdgeNode edge:
                return (TraceFilter.And(Service(edge.Source).Over, Service(edge.Destination).Over), TraceFilter.None);
            case GroupNode group when groups is not null && depth < MaxGroupDepth
                                      && groups.TryResolve(group.Kind, group.Value, out var resolved) && resolved is not null:
                return Bounds(resolved, groups, depth + 1);
            case GroupNode:
                // The evaluator answers false for a group it cannot resolve.
                return (TraceFilter.All, TraceFilter.None);
            default:
                return (TraceFilter.All, TraceFilter.None);
        }
    }

    private static TraceFilter Annotation(AnnotationNode node)
    {
        if (node.Operator is not { } op)
        {
            return new AnyAnnotationFilter(node.Key);
        }

        var comparison = node.Value switch
        {
            StringValue s when ToValueOperator(op) is { } o => ValueComparison.OfText(o, s.Value),
            NumberValue n when ToValueOperator(op) is { } o => ValueComparison.OfNumber(o, n.Value),
            BooleanValue b when op is ComparisonOperator.Equal or ComparisonOperator.NotEqual => ValueComparison.OfBoolean(ToValueOperator(op)!.Value, b.Value),
            _ => null,
        };
        return comparison is null ? TraceFilter.None : new AnyAnnotationFilter(node.Key, comparison);
    }

    private static (TraceFilter Over, TraceFilter Under) Keyword(KeywordNode node)
    {
        switch (FilterKeywords.KindOf(node.Keyword))
        {
            case KeywordKind.Boolean:
            {
                // "kw = false" and "kw != true" mean NOT kw; any other value type is false.
                var negate = false;
                if (node.Operator is { } op)
                {
                    if (node.Value is not BooleanValue b)
                    {
                        return (TraceFilter.None, TraceFilter.None);
                    }

                    negate = (op == ComparisonOperator.Equal) != b.Value;
                }

                var (over, under) = BareBoolean(node.Keyword);
                return negate ? (TraceFilter.Not(under), TraceFilter.Not(over)) : (over, under);
            }

            case KeywordKind.Number:
            {
                if (node.Operator is not { } op || node.Value is not NumberValue n || ToValueOperator(op) is not { } o
                    || o is ValueOperator.Contains or ValueOperator.BeginsWith or ValueOperator.EndsWith)
                {
                    return (TraceFilter.None, TraceFilter.None);
                }

                return node.Keyword switch
                {
                    FilterKeyword.HttpStatus => (RootCandidate(SegmentCondition.Compare(SegmentField.HttpStatus, ValueComparison.OfNumber(o, n.Value))), TraceFilter.None),
                    FilterKeyword.ResponseTime => (RootCandidate(SegmentCondition.Compare(SegmentField.Elapsed, ValueComparison.OfNumber(o, n.Value))), TraceFilter.None),
                    FilterKeyword.Duration => (TraceFilter.All, TraceFilter.None),

                    // index and coverage only have values inside rootcause blocks.
                    _ => (TraceFilter.None, TraceFilter.None),
                };
            }

            default:
                return StringKeyword(node);
        }
    }

    private static (TraceFilter Over, TraceFilter Under) BareBoolean(FilterKeyword keyword)
    {
        switch (keyword)
        {
            case FilterKeyword.Fault:
                return (RootCandidate(IsFault), TraceFilter.None);
            case FilterKeyword.Error:
                return (RootCandidate(IsError), TraceFilter.None);
            case FilterKeyword.Throttle:
                return (RootCandidate(IsThrottle), TraceFilter.None);
            case FilterKeyword.Ok:
                return (RootCandidate(SegmentCondition.Not(SegmentCondition.Or(IsFault, SegmentCondition.Or(IsError, IsThrottle)))), TraceFilter.None);
            case FilterKeyword.Root:
                // The trace has a root segment; every trace with a real segment has one, but which is the assembler's call.
                return (RootCandidate(null), TraceFilter.None);
            case FilterKeyword.Partial:
            case FilterKeyword.Inferred:
                return (TraceFilter.All, TraceFilter.None);
            default:
                // first, last, remote have no value at trace scope.
                return (TraceFilter.None, TraceFilter.None);
        }
    }

    private static (TraceFilter Over, TraceFilter Under) StringKeyword(KeywordNode node)
    {
        var comparison = ValueComparison.IsSet;
        if (node.Operator is { } op)
        {
            if (node.Value is not StringValue s || ToValueOperator(op) is not { } o
                || o is ValueOperator.LessThan or ValueOperator.LessThanOrEqual or ValueOperator.GreaterThan or ValueOperator.GreaterThanOrEqual)
            {
                return (TraceFilter.None, TraceFilter.None);
            }

            comparison = ValueComparison.OfText(o, s.Value);
        }

        SegmentField? traceWide = node.Keyword switch
        {
            FilterKeyword.User => SegmentField.User,
            FilterKeyword.AvailabilityZone => SegmentField.AvailabilityZone,
            FilterKeyword.InstanceId => SegmentField.InstanceId,
            FilterKeyword.ResourceArn => SegmentField.ResourceArn,
            _ => null,
        };
        if (traceWide is { } wide)
        {
            var exact = new AnySegmentFilter(SegmentCondition.And(IsSegment, SegmentCondition.Compare(wide, comparison)));
            return (exact, exact);
        }

        SegmentField? rootField = node.Keyword switch
        {
            FilterKeyword.HttpUrl => SegmentField.HttpUrl,
            FilterKeyword.HttpMethod => SegmentField.HttpMethod,
            FilterKeyword.HttpUserAgent => SegmentField.HttpUserAgent,
            FilterKeyword.HttpClientIp => SegmentField.HttpClientIp,
            FilterKeyword.Name => SegmentField.Name,
            FilterKeyword.Type => SegmentField.Origin,
            FilterKeyword.AccountId => SegmentField.AccountId,
            _ => null,
        };
        return rootField is { } field
            ? (RootCandidate(SegmentCondition.Compare(field, comparison)), TraceFilter.None)
            : (TraceFilter.None, TraceFilter.None); // message: no value at trace scope
    }

    /// <summary>A service node matching the target: real nodes exactly, inferred ones by a necessary document-text test.</summary>
    private static (TraceFilter Over, TraceFilter Under) Service(ServiceTarget? target)
    {
        if (target is null)
        {
            // Any node: a trace with a real segment has one; one with only orphans may still have none.
            var any = new AnySegmentFilter(IsSegment);
            return (any, any);
        }

        var condition = IsSegment;
        if (target.Name is { } name)
        {
            condition = SegmentCondition.And(condition, SegmentCondition.Compare(SegmentField.Name, ValueComparison.OfText(ValueOperator.Equal, name)));
        }

        if (target.Type is { } type)
        {
            condition = SegmentCondition.And(condition, SegmentCondition.Compare(SegmentField.Origin, ValueComparison.OfText(ValueOperator.Equal, type)));
        }

        if (target.AccountId is { } account)
        {
            condition = SegmentCondition.And(condition, SegmentCondition.Compare(SegmentField.AccountId, ValueComparison.OfText(ValueOperator.Equal, account)));
        }

        var real = new AnySegmentFilter(condition);
        return (TraceFilter.Or(real, InferredCandidate(target)), real);
    }

    /// <summary>Traces that may hold an inferred node matching the target.</summary>
    private static TraceFilter InferredCandidate(ServiceTarget target)
    {
        // Inferred nodes are typed remote, Database::SQL or AWS::…; other types never are.
        if (target.Type is { } type && type is not ("remote" or "Database::SQL") && !type.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return TraceFilter.None;
        }

        // An inferred node's name is its subsegment's name or the AWS resource it names, both indexed.
        return target.Name is { Length: > 0 } name ? new DownstreamNameFilter(name) : TraceFilter.All;
    }

    private static SegmentCondition IsSegment { get; } = SegmentCondition.Compare(SegmentField.IsSubsegment, ValueComparison.OfBoolean(ValueOperator.Equal, false));

    private static SegmentCondition IsFault { get; } = SegmentCondition.Or(
        Flag(SegmentField.Fault), StatusBetween(500, 599));

    private static SegmentCondition IsError { get; } = SegmentCondition.Or(
        Flag(SegmentField.Error), StatusBetween(400, 499));

    private static SegmentCondition IsThrottle { get; } = SegmentCondition.Or(
        Flag(SegmentField.Throttle), SegmentCondition.Compare(SegmentField.HttpStatus, ValueComparison.OfNumber(ValueOperator.Equal, 429)));

    private static SegmentCondition Flag(SegmentField field) => SegmentCondition.Compare(field, ValueComparison.OfBoolean(ValueOperator.Equal, true));

    private static SegmentCondition StatusBetween(int low, int high) => SegmentCondition.And(
        SegmentCondition.Compare(SegmentField.HttpStatus, ValueComparison.OfNumber(ValueOperator.GreaterThanOrEqual, low)),
        SegmentCondition.Compare(SegmentField.HttpStatus, ValueComparison.OfNumber(ValueOperator.LessThanOrEqual, high)));

    /// <summary>Some non-subsegment record (the root is one of them) satisfies <paramref name="condition"/>.</summary>
    private static AnySegmentFilter RootCandidate(SegmentCondition? condition)
        => new AnySegmentFilter(condition is null ? IsSegment : SegmentCondition.And(IsSegment, condition));

    private static ValueOperator? ToValueOperator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ValueOperator.Equal,
        ComparisonOperator.NotEqual => ValueOperator.NotEqual,
        ComparisonOperator.LessThan => ValueOperator.LessThan,
        ComparisonOperator.LessThanOrEqual => ValueOperator.LessThanOrEqual,
        ComparisonOperator.GreaterThan => ValueOperator.GreaterThan,
        ComparisonOperator.GreaterThanOrEqual => ValueOperator.GreaterThanOrEqual,
        ComparisonOperator.Contains => ValueOperator.Contains,
        ComparisonOperator.BeginsWith => ValueOperator.BeginsWith,
        ComparisonOperator.EndsWith => ValueOperator.EndsWith,
        _ => null,
    };
}
