using Fluoro.Storage;

namespace Fluoro.XRay.Tests;

/// <summary>The <see cref="TraceFilter"/> contract evaluated in memory over a trace's current records (the test store's push-down).</summary>
internal static class TraceFilterReference
{
    public static bool Matches(TraceFilter filter, IReadOnlyCollection<SegmentRecord> records) => filter switch
    {
        TraceFilterConstant constant => constant.Value,
        TraceFilterAnd and => Matches(and.Left, records) && Matches(and.Right, records),
        TraceFilterOr or => Matches(or.Left, records) || Matches(or.Right, records),
        TraceFilterNot not => !Matches(not.Operand, records),
        AnySegmentFilter segment => records.Any(r => Holds(segment.Condition, r)),
        AnyAnnotationFilter annotation => records.SelectMany(r => r.Index.Annotations).Any(a => a.Key == annotation.Key && Annotation(annotation.Comparison, a)),
        DownstreamNameFilter name => records.Any(r => r.Index.DownstreamNames.Contains(name.Name, StringComparer.Ordinal)),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    private static bool Annotation(ValueComparison? comparison, AnnotationValue a) => comparison switch
    {
        null or { Operator: ValueOperator.IsSet } => true,
        { Text: { } text } => a.StringValue is { } s && Text(s, comparison.Operator, text),
        { Number: { } number } => a.NumberValue is { } n && Number(n, comparison.Operator, number),
        { Boolean: { } flag } => a.BooleanValue is { } b && Boolean(b, comparison.Operator, flag),
        _ => false,
    };

    private static bool Holds(SegmentCondition condition, SegmentRecord r) => condition switch
    {
        SegmentConditionAnd and => Holds(and.Left, r) && Holds(and.Right, r),
        SegmentConditionOr or => Holds(or.Left, r) || Holds(or.Right, r),
        SegmentConditionNot not => !Holds(not.Operand, r),
        SegmentFieldCondition field => Field(field.Field, field.Comparison, r),
        _ => throw new NotSupportedException(condition.GetType().Name),
    };

    private static bool Field(SegmentField field, ValueComparison c, SegmentRecord r)
    {
        var i = r.Index;
        object? value = field switch
        {
            SegmentField.IsSubsegment => r.IsSubsegment,
            SegmentField.InProgress => r.InProgress,
            SegmentField.Name => r.Name,
            SegmentField.Origin => r.Origin,
            SegmentField.StartTime => r.StartTime,
            SegmentField.EndTime => r.EndTime,
            SegmentField.Elapsed => r.EndTime - r.StartTime,
            SegmentField.ReceivedTime => r.ReceivedTime,
            SegmentField.Fault => i.Fault,
            SegmentField.Error => i.Error,
            SegmentField.Throttle => i.Throttle,
            SegmentField.HasFault => i.HasFault,
            SegmentField.HasError => i.HasError,
            SegmentField.HasThrottle => i.HasThrottle,
            SegmentField.HttpStatus => (double?)i.HttpStatus,
            SegmentField.HttpMethod => i.HttpMethod,
            SegmentField.HttpUrl => i.HttpUrl,
            SegmentField.HttpUserAgent => i.HttpUserAgent,
            SegmentField.HttpClientIp => i.HttpClientIp,
            SegmentField.User => i.User,
            SegmentField.ResourceArn => i.ResourceArn,
            SegmentField.AccountId => i.AccountId,
            SegmentField.InstanceId => i.InstanceId,
            SegmentField.AvailabilityZone => i.AvailabilityZone,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        if (c.Operator == ValueOperator.IsSet)
        {
            return value is not null;
        }

        return (value, c) switch
        {
            (string s, { Text: { } text }) => Text(s, c.Operator, text),
            (double n, { Number: { } number }) => Number(n, c.Operator, number),
            (bool b, { Boolean: { } flag }) => Boolean(b, c.Operator, flag),
            _ => false,
        };
    }

    private static bool Text(string actual, ValueOperator op, string expected) => op switch
    {
        ValueOperator.Equal => string.Equals(actual, expected, StringComparison.Ordinal),
        ValueOperator.NotEqual => !string.Equals(actual, expected, StringComparison.Ordinal),
        ValueOperator.Contains => actual.Contains(expected, StringComparison.Ordinal),
        ValueOperator.BeginsWith => actual.StartsWith(expected, StringComparison.Ordinal),
        ValueOperator.EndsWith => actual.EndsWith(expected, StringComparison.Ordinal),
        _ => false,
    };

    private static bool Number(double actual, ValueOperator op, double expected) => op switch
    {
        ValueOperator.Equal => actual == expected,
        ValueOperator.NotEqual => actual != expected,
        ValueOperator.LessThan => actual < expected,
        ValueOperator.LessThanOrEqual => actual <= expected,
        ValueOperator.GreaterThan => actual > expected,
        ValueOperator.GreaterThanOrEqual => actual >= expected,
        _ => false,
    };

    private static bool Boolean(bool actual, ValueOperator op, bool expected) => op switch
    {
        ValueOperator.Equal => actual == expected,
        ValueOperator.NotEqual => actual != expected,
        _ => false,
    };
}
