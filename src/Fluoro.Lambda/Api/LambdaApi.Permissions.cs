using System.Text;
using System.Text.Json;
using Fluoro.Lambda.Storage;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>
/// AddPermission, GetPolicy and RemovePermission: the function's resource policy. Fluoro records the statements
/// so AWS's documented setup steps (for example public access to a function URL) work unchanged; it does not
/// enforce them, because callers on loopback are trusted.
/// </summary>
internal sealed partial class LambdaApi
{
    private const int MaxPolicyStatements = 100;

    public Task AddPermission(HttpContext context) => WithFunctionAsync(context, 64 * 1024, async (entry, root) =>
    {
        var sid = Text(root, "StatementId");
        var action = Text(root, "Action");
        var principal = Text(root, "Principal");
        if (string.IsNullOrEmpty(sid) || sid.Length > 100 || string.IsNullOrEmpty(action) || string.IsNullOrEmpty(principal))
        {
            await LambdaErrors.Invalid(context, "StatementId (1-100 characters), Action and Principal are required.");
            return;
        }

        var statement = BuildStatement(root, sid, action, principal, FunctionArn(entry.Name));
        var outcome = store.Update(entry, e =>
        {
            if (e.PolicyStatements.Any(s => StatementId(s) == sid))
            {
                return 409;
            }

            if (e.PolicyStatements.Count >= MaxPolicyStatements)
            {
                return 400;
            }

            e.PolicyStatements.Add(statement);
            return 201;
        });
        switch (outcome)
        {
            case 409:
                await LambdaErrors.Conflict(context, $"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the existing statement.");
                return;
            case 400:
                await LambdaErrors.Invalid(context, "The function's resource policy is full.");
                return;
        }

        await WriteJsonAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteString("Statement", statement);
            w.WriteEndObject();
        });
    });

    public Task GetPolicy(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var statements = entry.PolicyStatements.ToList();
        if (statements.Count == 0)
        {
            await LambdaErrors.NotFound(context, "The resource you requested does not exist.");
            return;
        }

        var policy = new StringBuilder("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[");
        policy.AppendJoin(',', statements).Append("]}");
        var revision = entry.Latest.RevisionId;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("Policy", policy.ToString());
            w.WriteString("RevisionId", revision);
            w.WriteEndObject();
        });
    });

    public Task RemovePermission(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var sid = context.Request.RouteValues["sid"] as string ?? "";
        var removed = store.Update(entry, e => e.PolicyStatements.RemoveAll(s => StatementId(s) == sid) > 0);
        if (!removed)
        {
            await LambdaErrors.NotFound(context, $"Statement {sid} is not found in resource policy.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? StatementId(string statement)
    {
        using var doc = JsonDocument.Parse(statement);
        return Text(doc.RootElement, "Sid");
    }

    private static string BuildStatement(JsonElement request, string sid, string action, string principal, string resource)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Sid", sid);
            w.WriteString("Effect", "Allow");
            if (principal == "*")
            {
                w.WriteString("Principal", "*");
            }
            else
            {
                w.WriteStartObject("Principal");
                w.WriteString(principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? "Service" : "AWS", principal);
                w.WriteEndObject();
            }

            w.WriteString("Action", action);
            w.WriteString("Resource", resource);
            var urlAuth = Text(request, "FunctionUrlAuthType");
            var sourceAccount = Text(request, "SourceAccount");
            var sourceArn = Text(request, "SourceArn");
            if (urlAuth is not null || sourceAccount is not null || sourceArn is not null)
            {
                w.WriteStartObject("Condition");
                if (urlAuth is not null || sourceAccount is not null)
                {
                    w.WriteStartObject("StringEquals");
                    if (urlAuth is not null)
                    {
                        w.WriteString("lambda:FunctionUrlAuthType", urlAuth);
                    }

                    if (sourceAccount is not null)
                    {
                        w.WriteString("AWS:SourceAccount", sourceAccount);
                    }

                    w.WriteEndObject();
                }

                if (sourceArn is not null)
                {
                    w.WriteStartObject("ArnLike");
                    w.WriteString("AWS:SourceArn", sourceArn);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
