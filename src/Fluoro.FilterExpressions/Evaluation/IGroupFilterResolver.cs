namespace Fluoro.FilterExpressions;

/// <summary>Looks up a group's current filter so <c>group.name = "…"</c> can be evaluated.</summary>
public interface IGroupFilterResolver
{
    /// <summary>The parsed filter of the group, or false when no such group exists.</summary>
    bool TryResolve(GroupReferenceKind kind, string value, out FilterNode? filter);
}
