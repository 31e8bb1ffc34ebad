namespace Fluoro.FilterExpressions;

/// <summary>
/// Which service a <c>service()</c>/<c>edge()</c> refers to: a plain quoted name, or the <c>id(name:, type:,
/// account.id:)</c> function where every argument is optional but at least one is present.
/// </summary>
public sealed record ServiceTarget(string? Name, string? Type = null, string? AccountId = null, bool UsesIdFunction = false)
{
    public static ServiceTarget ForName(string name) => new(name);

    public static ServiceTarget ForId(string? name = null, string? type = null, string? accountId = null) =>
        new(name, type, accountId, UsesIdFunction: true);
}
