using Fluoro.FilterExpressions;

namespace Fluoro.XRay;

/// <summary>
/// The default <see cref="ITraceFilterCompiler"/>: parses with <see cref="FilterExpression"/> and evaluates with
/// <see cref="FilterEvaluator"/> over the assembled trace (segments, services incl. inferred ones, edges).
/// </summary>
public sealed class FilterExpressionCompiler : ITraceFilterCompiler
{
    private readonly FilterEvaluator _evaluator;
    private readonly IGroupFilterResolver? _groups;

    /// <summary>Creates a compiler; <paramref name="groups"/> resolves <c>group.name</c>/<c>group.arn</c> references when given.</summary>
    public FilterExpressionCompiler(IGroupFilterResolver? groups = null)
    {
        _evaluator = groups is null ? FilterEvaluator.Default : new FilterEvaluator(groups: groups);
        _groups = groups;
    }

    /// <inheritdoc/>
    public Func<TraceFilterInput, bool> Compile(string filterExpression)
    {
        if (!FilterExpression.TryParse(filterExpression, out var node, out var error))
        {
            throw new XRayRequestException(error?.Message ?? "Invalid filter expression.");
        }

        return input => _evaluator.Evaluate(node!, input.Facts);
    }

    /// <inheritdoc/>
    public Storage.TraceFilter CompileStoreFilter(string filterExpression)
    {
        if (!FilterExpression.TryParse(filterExpression, out var node, out var error))
        {
            throw new XRayRequestException(error?.Message ?? "Invalid filter expression.");
        }

        return FilterPushdown.Prefilter(node!, _groups);
    }
}
