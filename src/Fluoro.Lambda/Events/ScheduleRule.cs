namespace Fluoro.Lambda.Events;

/// <summary>An EventBridge rule: a schedule (or a stored pattern) and the targets it invokes.</summary>
internal sealed record ScheduleRule
{
    public required string Name { get; init; }
    public string? ScheduleExpression { get; init; }
    public string? EventPattern { get; init; }
    public string State { get; init; } = "ENABLED";
    public string Description { get; init; } = "";
    public List<RuleTarget> Targets { get; init; } = [];
}
