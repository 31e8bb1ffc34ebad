using System.Text.Json;
using Fluoro.Lambda.Storage;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>
/// The preamble the function-scoped handlers share: find the function (and the version or alias) the path names,
/// read the JSON body within a limit, and answer the AWS error for whatever is missing or malformed, so a handler
/// runs only with what it needs.
/// </summary>
internal sealed partial class LambdaApi
{
    /// <summary>Runs <paramref name="handler"/> with the function the path names (404 when there is none).</summary>
    private async Task WithFunctionAsync(HttpContext context, Func<FunctionEntry, Task> handler)
    {
        if (await FindAsync(context) is { } entry)
        {
            await handler(entry);
        }
    }

    /// <summary>Also reads a required JSON body of at most <paramref name="limit"/> bytes (413, or 400 when empty or invalid).</summary>
    private Task WithFunctionAsync(HttpContext context, long limit, Func<FunctionEntry, JsonElement, Task> handler) =>
        WithFunctionAsync(context, async entry =>
        {
            using var doc = await ReadJsonAsync(context, limit);
            if (doc is not null)
            {
                await handler(entry, doc.RootElement);
            }
        });

    /// <summary>Also reads an optional JSON body: the handler gets null for an empty one.</summary>
    private Task WithFunctionAndOptionalBodyAsync(HttpContext context, long limit, Func<FunctionEntry, JsonElement?, Task> handler) =>
        WithFunctionAsync(context, async entry =>
        {
            using var doc = await ReadJsonAsync(context, limit, allowEmpty: true);
            await handler(entry, doc?.RootElement);
        });

    /// <summary>Runs <paramref name="handler"/> with the function and the version its qualifier selects.</summary>
    private async Task WithVersionAsync(HttpContext context, Func<FunctionEntry, FunctionVersion, Task> handler)
    {
        if (await ResolveAsync(context) is ({ } entry, { } config))
        {
            await handler(entry, config);
        }
    }

    /// <summary>Runs <paramref name="handler"/> with the function and the alias the path names.</summary>
    private async Task WithAliasAsync(HttpContext context, Func<FunctionEntry, FunctionAlias, Task> handler)
    {
        if (await FindAliasAsync(context) is ({ } entry, { } alias))
        {
            await handler(entry, alias);
        }
    }

    /// <summary>Also reads an optional JSON body: the handler gets null for an empty one.</summary>
    private Task WithAliasAndOptionalBodyAsync(HttpContext context, long limit, Func<FunctionEntry, FunctionAlias, JsonElement?, Task> handler) =>
        WithAliasAsync(context, async (entry, alias) =>
        {
            using var doc = await ReadJsonAsync(context, limit, allowEmpty: true);
            await handler(entry, alias, doc?.RootElement);
        });
}
