using System.Text.Json;
using Fluoro.Lambda.Storage;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>
/// TagResource, ListTags and UntagResource (API 2017-03-31) on a function ARN. Tags belong to the function, so
/// they are written to <c>$LATEST</c> and every published version alike.
/// </summary>
internal sealed partial class LambdaApi
{
    private const int MaxTags = 50;

    public Task TagResource(HttpContext context) => WithFunctionAsync(context, 64 * 1024, async (entry, root) =>
    {
        if (!root.TryGetProperty("Tags", out var tagsElement) || tagsElement.ValueKind != JsonValueKind.Object)
        {
            await LambdaErrors.Invalid(context, "Tags must be a map of tag keys to values.");
            return;
        }

        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tagsElement.EnumerateObject())
        {
            if (tag.Name.Length is 0 or > 128 || tag.Value.ValueKind != JsonValueKind.String || tag.Value.GetString()!.Length > 256)
            {
                await LambdaErrors.Invalid(context, $"Tag '{tag.Name}' is not valid: keys are 1-128 characters and values are strings of up to 256.");
                return;
            }

            added[tag.Name] = tag.Value.GetString()!;
        }

        var tooMany = store.Update(entry, e =>
        {
            var merged = new Dictionary<string, string>(e.Latest.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in added)
            {
                merged[key] = value;
            }

            if (merged.Count > MaxTags)
            {
                return true;
            }

            SetTags(e, merged);
            return false;
        });
        if (tooMany)
        {
            await LambdaErrors.Invalid(context, $"A function can have at most {MaxTags} tags.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    public Task ListTags(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var tags = entry.Latest.Tags;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("Tags");
            foreach (var (key, value) in tags)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    });

    public Task UntagResource(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var keys = context.Request.Query["tagKeys"];
        store.Update(entry, e =>
        {
            var remaining = new Dictionary<string, string>(e.Latest.Tags, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (key is not null)
                {
                    remaining.Remove(key);
                }
            }

            SetTags(e, remaining);
            return true;
        });
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    private static void SetTags(FunctionEntry entry, Dictionary<string, string> tags)
    {
        entry.Latest = entry.Latest with { Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal) };
        for (var i = 0; i < entry.Versions.Count; i++)
        {
            entry.Versions[i] = entry.Versions[i] with { Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal) };
        }
    }
}
