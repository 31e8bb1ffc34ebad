using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fluoro.FilterExpressions;

/// <summary>
/// Decides whether one trace matches a parsed filter (spec §10.5). Thread-safe and stateless apart from a cache of
/// parsed <c>rootcause.json</c> patterns.
/// </summary>
/// <remarks>
/// Semantics chosen where AWS is silent: a comparison on a missing field is false, including <c>!=</c>;
/// <c>user</c>, <c>availabilityzone</c>, <c>instance.id</c>, <c>resource.arn</c> and annotations are true when any
/// segment of the trace satisfies them; a service/edge block is true when one segment (call) of the node (edge)
/// satisfies the whole block; in rootcause blocks <c>index</c> is zero-based: services
/// are numbered along the root cause's service chain, entities and exceptions along the whole root cause.
/// </remarks>
public sealed class FilterEvaluator
{
    private static readonly ConditionalWeakTable<RootCauseJsonNode, StrongBox<JsonElement>> Patterns = new();

    private readonly FilterEvaluationOptions _options;
    private readonly IGroupFilterResolver? _groups;
    private readonly StringComparison _comparison;

    public FilterEvaluator(FilterEvaluationOptions? options = null, IGroupFilterResolver? groups = null)
    {
        _options = options ?? FilterEvaluationOptions.Default;
        _groups = groups;
        _comparison = _options.CaseInsensitiveStrings ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>An evaluator with default options and no group lookup (group references evaluate false).</summary>
    public static FilterEvaluator Default { get; } = new();

    public bool Evaluate(FilterNode filter, ITraceFacts trace)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(trace);
        return Eval(filter, new EvaluationContext(EvaluationScope.Trace, trace, trace.RootSegment, null, default, 0));
    }

    private bool Eval(FilterNode node, in EvaluationContext ctx) => node switch
    {
        AndNode and => Eval(and.Left, ctx) && Eval(and.Right, ctx),
        OrNode or => Eval(or.Left, ctx) || Eval(or.Right, ctx),
        NotNode not => !Eval(not.Operand, ctx),
        KeywordNode keyword => EvalKeyword(keyword, ctx),
        AnnotationNode annotation => EvalAnnotation(annotation, ctx.Trace),
        ServiceNode service => EvalService(service, ctx),
        EdgeNode edge => EvalEdge(edge, ctx),
        GroupNode group => EvalGroup(group, ctx),
        RootCauseNode rootCause => EvalRootCause(rootCause, ctx),
        RootCauseJsonNode json => EvalRootCauseJson(json, ctx.Trace),
        _ => false,
    };

    private bool EvalKeyword(KeywordNode node, in EvaluationContext ctx)
    {
        switch (FilterKeywords.KindOf(node.Keyword))
        {
            case KeywordKind.Boolean:
                var flag = BooleanOf(node.Keyword, ctx);
                return node.Operator switch
                {
                    null => flag,
                    ComparisonOperator.Equal => node.Value is BooleanValue b && flag == b.Value,
                    ComparisonOperator.NotEqual => node.Value is BooleanValue b && flag != b.Value,
                    _ => false,
                };
            case KeywordKind.Number:
                var number = NumberOf(node.Keyword, ctx);
                return number is { } n && node.Operator is { } op && node.Value is NumberValue v && CompareNumber(n, op, v.Value);
            default:
                return EvalString(node, ctx);
        }
    }

    private bool EvalString(KeywordNode node, in EvaluationContext ctx)
    {
        if (ctx.Scope == EvaluationScope.Trace && IsTraceWide(node.Keyword))
        {
            foreach (var segment in ctx.Trace.Segments)
            {
                if (MatchString(SegmentString(node.Keyword, segment), node))
                {
                    return true;
                }
            }

            return false;
        }

        var names = NamesOf(node.Keyword, ctx);
        if (names is { Count: > 0 } && node.Operator is { } op && node.Value is StringValue s)
        {
            // A node known by several names matches '=' on any of them and '!=' only when none is equal.
            return op == ComparisonOperator.NotEqual
                ? MatchString(StringOf(node.Keyword, ctx), node) && !names.Any(n => string.Equals(n, s.Value, _comparison))
                : MatchString(StringOf(node.Keyword, ctx), node) || names.Any(n => MatchString(n, node));
        }

        return MatchString(StringOf(node.Keyword, ctx), node);
    }

    private static bool IsTraceWide(FilterKeyword keyword) =>
        keyword is FilterKeyword.User or FilterKeyword.AvailabilityZone or FilterKeyword.InstanceId or FilterKeyword.ResourceArn;

    private bool MatchString(string? actual, KeywordNode node)
    {
        if (actual is null)
        {
            return false;
        }

        return node.Operator is not { } op || (node.Value is StringValue s && CompareString(actual, op, s.Value));
    }

    private bool CompareString(string actual, ComparisonOperator op, string expected) => op switch
    {
        ComparisonOperator.Equal => string.Equals(actual, expected, _comparison),
        ComparisonOperator.NotEqual => !string.Equals(actual, expected, _comparison),
        ComparisonOperator.Contains => actual.Contains(expected, _comparison),
        ComparisonOperator.BeginsWith => actual.StartsWith(expected, _comparison),
        ComparisonOperator.EndsWith => actual.EndsWith(expected, _comparison),
        _ => false,
    };

    private static bool CompareNumber(double actual, ComparisonOperator op, double expected) => op switch
    {
        ComparisonOperator.Equal => actual == expected,
        ComparisonOperator.NotEqual => actual != expected,
        ComparisonOperator.LessThan => actual < expected,
        ComparisonOperator.LessThanOrEqual => actual <= expected,
        ComparisonOperator.GreaterThan => actual > expected,
        ComparisonOperator.GreaterThanOrEqual => actual >= expected,
        _ => false,
    };

    private static bool IsFault(ISegmentFacts s) => s.Fault || s.HttpStatus is >= 500 and <= 599;

    private static bool IsError(ISegmentFacts s) => s.Error || s.HttpStatus is >= 400 and <= 499;

    private static bool IsThrottle(ISegmentFacts s) => s.Throttle || s.HttpStatus == 429;

    private static bool BooleanOf(FilterKeyword keyword, in EvaluationContext ctx)
    {
        if (ctx.Scope == EvaluationScope.RootCause)
        {
            var e = ctx.Element;
            return keyword switch
            {
                FilterKeyword.Inferred => e.Inferred,
                FilterKeyword.Remote => e.Remote,
                FilterKeyword.First => e.Index == 0,
                FilterKeyword.Last => e.Index == e.Count - 1,
                _ => false,
            };
        }

        var segment = ctx.Segment;
        return keyword switch
        {
            FilterKeyword.Ok => segment is not null && !IsFault(segment) && !IsError(segment) && !IsThrottle(segment),
            FilterKeyword.Error => segment is not null && IsError(segment),
            FilterKeyword.Fault => segment is not null && IsFault(segment),
            FilterKeyword.Throttle => segment is not null && IsThrottle(segment),
            FilterKeyword.Partial => ctx.Scope == EvaluationScope.Trace ? ctx.Trace.IsPartial : segment is { EndTime: null },
            FilterKeyword.Inferred => ctx.Scope == EvaluationScope.Trace
                ? ctx.Trace.Services.Any(s => s.IsInferred)
                : ctx.Service is { IsInferred: true },
            FilterKeyword.Root => ctx.Scope switch
            {
                EvaluationScope.Trace => ctx.Trace.RootSegment is not null,
                EvaluationScope.Service => ctx.Service is { IsRoot: true },
                _ => false,
            },
            _ => false,
        };
    }

    private static double? NumberOf(FilterKeyword keyword, in EvaluationContext ctx)
    {
        if (ctx.Scope == EvaluationScope.RootCause)
        {
            return keyword switch
            {
                FilterKeyword.Index => ctx.Element.Index,
                FilterKeyword.Coverage => ctx.Element.Coverage,
                _ => null,
            };
        }

        var segment = ctx.Segment;
        return keyword switch
        {
            FilterKeyword.ResponseTime => Elapsed(segment),
            FilterKeyword.Duration => ctx.Scope == EvaluationScope.Trace ? ctx.Trace.Duration : Elapsed(segment),
            FilterKeyword.HttpStatus => segment?.HttpStatus,
            _ => null,
        };
    }

    private static double? Elapsed(ISegmentFacts? segment) =>
        segment is { EndTime: { } end } ? end - segment.StartTime : null;

    private static string? StringOf(FilterKeyword keyword, in EvaluationContext ctx)
    {
        switch (ctx.Scope)
        {
            case EvaluationScope.RootCause:
                var e = ctx.Element;
                return keyword switch
                {
                    FilterKeyword.Name => e.Name,
                    FilterKeyword.Type => e.Type,
                    FilterKeyword.AccountId => e.AccountId,
                    FilterKeyword.Message => e.Message,
                    _ => null,
                };
            case EvaluationScope.Service:
            case EvaluationScope.Edge:
                var node = ctx.Service;
                return keyword switch
                {
                    FilterKeyword.Name => node?.Name,
                    FilterKeyword.Type => node?.Type,
                    FilterKeyword.AccountId => node?.AccountId ?? ctx.Segment?.AccountId,
                    _ => ctx.Segment is { } s ? SegmentString(keyword, s) : null,
                };
            default:
                var root = ctx.Segment;
                return keyword switch
                {
                    FilterKeyword.Name => root?.Name,
                    FilterKeyword.Type => root?.Origin,
                    _ => root is null ? null : SegmentString(keyword, root),
                };
        }
    }

    private static IReadOnlyList<string>? NamesOf(FilterKeyword keyword, in EvaluationContext ctx)
    {
        if (keyword != FilterKeyword.Name)
        {
            return null;
        }

        return ctx.Scope switch
        {
            EvaluationScope.RootCause => ctx.Element.Names,
            EvaluationScope.Service or EvaluationScope.Edge => ctx.Service?.Names,
            _ => null,
        };
    }

    private static string? SegmentString(FilterKeyword keyword, ISegmentFacts s) => keyword switch
    {
        FilterKeyword.HttpUrl => s.HttpUrl,
        FilterKeyword.HttpMethod => s.HttpMethod,
        FilterKeyword.HttpUserAgent => s.HttpUserAgent,
        FilterKeyword.HttpClientIp => s.HttpClientIp,
        FilterKeyword.User => s.User,
        FilterKeyword.AvailabilityZone => s.AvailabilityZone,
        FilterKeyword.InstanceId => s.InstanceId,
        FilterKeyword.ResourceArn => s.ResourceArn,
        FilterKeyword.AccountId => s.AccountId,
        FilterKeyword.Name => s.Name,
        FilterKeyword.Type => s.Origin,
        _ => null,
    };

    private bool EvalAnnotation(AnnotationNode node, ITraceFacts trace)
    {
        foreach (var segment in trace.Segments)
        {
            if (!segment.Annotations.TryGetValue(node.Key, out var actual))
            {
                continue;
            }

            if (node.Operator is not { } op)
            {
                return true;
            }

            var match = (actual, node.Value) switch
            {
                (NumberValue a, NumberValue e) => CompareNumber(a.Value, op, e.Value),
                (StringValue a, StringValue e) => CompareString(a.Value, op, e.Value),
                (BooleanValue a, BooleanValue e) => op switch
                {
                    ComparisonOperator.Equal => a.Value == e.Value,
                    ComparisonOperator.NotEqual => a.Value != e.Value,
                    _ => false,
                },
                _ => false,
            };
            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TargetMatches(ServiceTarget? target, IServiceFacts service)
    {
        if (target is null)
        {
            return true;
        }

        if (target.Name is { } name && !string.Equals(service.Name, name, StringComparison.Ordinal) && !service.Names.Contains(name))
        {
            return false;
        }

        if (target.Type is { } type && !string.Equals(service.Type, type, StringComparison.Ordinal))
        {
            return false;
        }

        return target.AccountId is not { } account || string.Equals(service.AccountId, account, StringComparison.Ordinal);
    }

    private bool EvalService(ServiceNode node, in EvaluationContext ctx)
    {
        foreach (var service in ctx.Trace.Services)
        {
            if (!TargetMatches(node.Target, service))
            {
                continue;
            }

            if (node.Filter is null)
            {
                return true;
            }

            foreach (var segment in service.Segments)
            {
                if (Eval(node.Filter, ctx with { Scope = EvaluationScope.Service, Segment = segment, Service = service }))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool EvalEdge(EdgeNode node, in EvaluationContext ctx)
    {
        foreach (var edge in ctx.Trace.Edges)
        {
            if (!TargetMatches(node.Source, edge.Source) || !TargetMatches(node.Destination, edge.Destination))
            {
                continue;
            }

            if (node.Filter is null)
            {
                return true;
            }

            foreach (var call in edge.Calls)
            {
                if (Eval(node.Filter, ctx with { Scope = EvaluationScope.Edge, Segment = call, Service = edge.Destination }))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool EvalGroup(GroupNode node, in EvaluationContext ctx)
    {
        if (_groups is null || ctx.GroupDepth >= _options.MaxGroupDepth
            || !_groups.TryResolve(node.Kind, node.Value, out var filter) || filter is null)
        {
            return false;
        }

        return Eval(filter, ctx with { GroupDepth = ctx.GroupDepth + 1 });
    }

    private bool EvalRootCause(RootCauseNode node, in EvaluationContext ctx)
    {
        var causes = node.Category switch
        {
            RootCauseCategory.Fault => ctx.Trace.FaultRootCauses,
            RootCauseCategory.Error => ctx.Trace.ErrorRootCauses,
            _ => ctx.Trace.ResponseTimeRootCauses,
        };

        foreach (var cause in causes)
        {
            // Entities and exceptions are numbered along the whole root cause (all services' paths in order), so
            // "last" is the deepest entity, the one that actually failed or took the time.
            var entityCount = 0;
            var exceptionCount = 0;
            foreach (var service in cause.Services)
            {
                entityCount += service.EntityPath.Count;
                foreach (var entity in service.EntityPath)
                {
                    exceptionCount += entity.Exceptions.Count;
                }
            }

            var entityIndex = 0;
            var exceptionIndex = 0;
            for (var i = 0; i < cause.Services.Count; i++)
            {
                var service = cause.Services[i];
                if (node.Scope == RootCauseScope.Service)
                {
                    var element = new RootCauseElement(
                        service.Name, service.Names, service.Type, service.AccountId, service.Inferred,
                        service.EntityPath.Any(e => e.Remote), service.EntityPath.Count > 0 ? service.EntityPath[0].Coverage : null,
                        null, i, cause.Services.Count);
                    if (EvalElement(node.Filter, ctx, element))
                    {
                        return true;
                    }

                    continue;
                }

                foreach (var entity in service.EntityPath)
                {
                    if (node.Scope == RootCauseScope.Entity)
                    {
                        var element = new RootCauseElement(
                            entity.Name, null, service.Type, service.AccountId, service.Inferred, entity.Remote, entity.Coverage,
                            null, entityIndex++, entityCount);
                        if (EvalElement(node.Filter, ctx, element))
                        {
                            return true;
                        }

                        continue;
                    }

                    foreach (var exception in entity.Exceptions)
                    {
                        var element = new RootCauseElement(
                            exception.Name, null, service.Type, service.AccountId, service.Inferred, entity.Remote, entity.Coverage,
                            exception.Message, exceptionIndex++, exceptionCount);
                        if (EvalElement(node.Filter, ctx, element))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private bool EvalElement(FilterNode filter, in EvaluationContext ctx, RootCauseElement element) =>
        Eval(filter, ctx with { Scope = EvaluationScope.RootCause, Segment = null, Service = null, Element = element });

    private bool EvalRootCauseJson(RootCauseJsonNode node, ITraceFacts trace)
    {
        var pattern = Patterns.GetValue(node, static n =>
        {
            using var document = JsonDocument.Parse(n.Json);
            return new StrongBox<JsonElement>(document.RootElement.Clone());
        }).Value;

        var causes = new List<JsonElement>();
        foreach (var list in (IReadOnlyList<RootCauseFacts>[])[trace.FaultRootCauses, trace.ErrorRootCauses, trace.ResponseTimeRootCauses])
        {
            foreach (var cause in list)
            {
                causes.Add(RootCauseJson.ToJson(cause));
            }
        }

        if (pattern.GetArrayLength() == 0)
        {
            return causes.Count > 0;
        }

        foreach (var wanted in pattern.EnumerateArray())
        {
            if (!causes.Any(c => JsonSubsetMatches(wanted, c)))
            {
                return false;
            }
        }

        return true;
    }

    // Objects in the pattern may omit members (wildcards); arrays match element by element.
    private static bool JsonSubsetMatches(JsonElement pattern, JsonElement actual)
    {
        switch (pattern.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in pattern.EnumerateObject())
                {
                    if (!TryGetPropertyIgnoreCase(actual, property.Name, out var value) || !JsonSubsetMatches(property.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != pattern.GetArrayLength())
                {
                    return false;
                }

                using (var p = pattern.EnumerateArray())
                using (var a = actual.EnumerateArray())
                {
                    while (p.MoveNext() && a.MoveNext())
                    {
                        if (!JsonSubsetMatches(p.Current, a.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.String:
                return actual.ValueKind == JsonValueKind.String && actual.GetString() == pattern.GetString();
            case JsonValueKind.Number:
                return actual.ValueKind == JsonValueKind.Number && actual.GetDouble() == pattern.GetDouble();
            default:
                return actual.ValueKind == pattern.ValueKind;
        }
    }

    private static bool TryGetPropertyIgnoreCase(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
