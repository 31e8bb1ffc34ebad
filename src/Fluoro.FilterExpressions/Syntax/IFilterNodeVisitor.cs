namespace Fluoro.FilterExpressions;

/// <summary>
/// Visits every kind of <see cref="FilterNode"/>. Store backends implement this to compile a filter to their query
/// language; see the pushdown notes on <see cref="FilterNode"/>.
/// </summary>
public interface IFilterNodeVisitor<out TResult>
{
    TResult VisitAnd(AndNode node);

    TResult VisitOr(OrNode node);

    TResult VisitNot(NotNode node);

    TResult VisitKeyword(KeywordNode node);

    TResult VisitAnnotation(AnnotationNode node);

    TResult VisitService(ServiceNode node);

    TResult VisitEdge(EdgeNode node);

    TResult VisitGroup(GroupNode node);

    TResult VisitRootCause(RootCauseNode node);

    TResult VisitRootCauseJson(RootCauseJsonNode node);
}
