using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Fluoro.Lambda.Execution;
using Fluoro.Lambda.Storage;
using Fluoro.Lambda.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Api;

/// <summary>The Lambda REST-JSON API (2015-03-31) handlers.</summary>
internal sealed partial class LambdaApi(FunctionStore store, FunctionRuntime runtime, EventQueue events, FunctionLogs logs,
    LambdaOptions options, TimeProvider time, ILogger<LambdaApi> logger)
{
    private const long MaxCreateBodyBytes = 100L * 1024 * 1024;
    private const int MaxEventPayloadBytes = 1024 * 1024;
    private const int MaxEnvironmentBytes = 4 * 1024;

    private static readonly HashSet<string> ReservedVariables = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    public string FunctionArn(string name) => runtime.FunctionArn(name);

    /// <summary>Runs a handler so that an unexpected failure becomes a 500 ServiceException, never a dead server.</summary>
    public async Task Guard(HttpContext context, Func<HttpContext, Task> handler)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            await handler(context);
        }
        catch (JsonException ex)
        {
            if (!context.Response.HasStarted)
            {
                await LambdaErrors.WriteAsync(context, 400, "InvalidRequestContentException", "Could not parse request body into json: " + ex.Message);
            }
        }
        catch (BadHttpRequestException ex)
        {
            if (!context.Response.HasStarted)
            {
                await LambdaErrors.WriteAsync(context, ex.StatusCode == 413 ? 413 : 400, ex.StatusCode == 413 ? "RequestTooLargeException" : "InvalidRequestContentException", ex.Message);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the caller gets an AWS-shaped 500 and the server keeps serving.
            LambdaLog.ApiFailed(logger, ex);
            if (!context.Response.HasStarted)
            {
                await LambdaErrors.WriteAsync(context, 500, "ServiceException", ex.Message);
            }
        }
    }

    // ---- CreateFunction -------------------------------------------------------------------------

    public async Task CreateFunction(HttpContext context)
    {
        using var doc = await ReadJsonAsync(context, MaxCreateBodyBytes);
        if (doc is null)
        {
            return;
        }

        var root = doc.RootElement;
        var name = GetString(root, "FunctionName");
        if (!FunctionReference.IsValidName(name))
        {
            await LambdaErrors.Invalid(context, $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length 1..64");
            return;
        }

        if (GetString(root, "PackageType") is { } packageType && packageType != "Zip")
        {
            await LambdaErrors.Invalid(context, "Fluoro runs Zip packages only; PackageType Image is not supported.");
            return;
        }

        var config = new FunctionVersion { FunctionName = name!, Version = "$LATEST", LastModified = Now() };
        var (updated, error) = ApplyConfiguration(config, root, creating: true);
        if (error is not null)
        {
            await LambdaErrors.Invalid(context, error);
            return;
        }

        if (!root.TryGetProperty("Code", out var code) || code.ValueKind != JsonValueKind.Object)
        {
            await LambdaErrors.Invalid(context, "Code is required: pass Code.ZipFile with the base64 zip of the function.");
            return;
        }

        var (sha, size, codeError) = StoreZip(GetString(code, "ZipFile"));
        if (codeError is not null)
        {
            await LambdaErrors.Invalid(context, codeError);
            return;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("Tags", out var tagsElement) && tagsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tagsElement.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ToString();
            }
        }

        config = updated with { CodeSha256 = sha!, CodeSize = size, Tags = tags, RevisionId = Guid.NewGuid().ToString() };
        var entry = new FunctionEntry { Latest = config };
        if (!store.TryAdd(entry))
        {
            await LambdaErrors.Conflict(context, "Function already exist: " + name);
            return;
        }

        if (GetBool(root, "Publish") == true)
        {
            store.Update(entry, e => Publish(e, ""));
        }

        await WriteJsonAsync(context, 201, w => FunctionJson.WriteConfiguration(w, config, FunctionArn(config.FunctionName), options.Region, options.AccountId));
    }

    // ---- Get / List / Delete ---------------------------------------------------------------------

    public Task GetFunction(HttpContext context) => WithVersionAsync(context, async (entry, config) =>
    {
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("Configuration");
            FunctionJson.WriteConfiguration(w, config, FunctionArn(entry.Name), options.Region, options.AccountId);
            w.WriteStartObject("Code");
            w.WriteString("RepositoryType", "S3");
            w.WriteString("Location", new Uri(options.EdgeBaseUrl, $"/_fluoro/lambda/functions/{entry.Name}/code?Qualifier={Uri.EscapeDataString(config.Version)}").ToString());
            w.WriteEndObject();
            if (config.Tags.Count > 0)
            {
                w.WriteStartObject("Tags");
                foreach (var (key, value) in config.Tags)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            if (entry.ReservedConcurrency is { } reserved)
            {
                w.WriteStartObject("Concurrency");
                w.WriteNumber("ReservedConcurrentExecutions", reserved);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    });

    public Task GetFunctionConfiguration(HttpContext context) => WithVersionAsync(context, async (entry, config) =>
    {
        await WriteJsonAsync(context, 200, w => FunctionJson.WriteConfiguration(w, config, FunctionArn(entry.Name), options.Region, options.AccountId));
    });

    public Task GetFunctionCode(HttpContext context) => WithVersionAsync(context, async (entry, config) =>
    {
        context.Response.ContentType = "application/zip";
        await context.Response.SendFileAsync(store.CodePathFor(config.CodeSha256));
    });

    public async Task ListFunctions(HttpContext context)
    {
        var query = context.Request.Query;
        var maxItems = 50;
        if (query.TryGetValue("MaxItems", out var maxText))
        {
            if (!int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxItems) || maxItems is < 1 or > 10000)
            {
                await LambdaErrors.Invalid(context, "MaxItems must be between 1 and 10000.");
                return;
            }
        }

        var all = query["FunctionVersion"] == "ALL";
        var items = new List<FunctionVersion>();
        foreach (var entry in store.List())
        {
            items.Add(entry.Latest);
            if (all)
            {
                items.AddRange(entry.Versions);
            }
        }

        var start = 0;
        if (query.TryGetValue("Marker", out var marker) && !string.IsNullOrEmpty(marker))
        {
            if (!int.TryParse(Encoding.UTF8.GetString(DecodeMarker(marker!)), NumberStyles.Integer, CultureInfo.InvariantCulture, out start) || start < 0)
            {
                await LambdaErrors.Invalid(context, "The Marker is not valid.");
                return;
            }
        }

        var page = items.Skip(start).Take(maxItems).ToList();
        var next = start + page.Count < items.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture))) : null;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var item in page)
            {
                FunctionJson.WriteConfiguration(w, item, FunctionArn(item.FunctionName), options.Region, options.AccountId);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextMarker", next);
            }

            w.WriteEndObject();
        });
    }

    public async Task DeleteFunction(HttpContext context)
    {
        if (!await TryReferenceAsync(context))
        {
            return;
        }

        var reference = ParseReference(context)!;
        var entry = store.Get(reference.Name);
        var qualifier = reference.Qualifier ?? (string?)context.Request.Query["Qualifier"];
        if (entry is null)
        {
            await LambdaErrors.NotFound(context, "Function not found: " + FunctionArn(reference.Name));
            return;
        }

        if (!string.IsNullOrEmpty(qualifier) && qualifier != "$LATEST")
        {
            if (entry.Aliases.FirstOrDefault(a => a.FunctionVersion == qualifier) is { } alias)
            {
                await LambdaErrors.Conflict(context, $"Unable to delete version {qualifier} of {FunctionArn(reference.Name)}: alias {alias.Name} references it.");
                return;
            }

            var removed = store.Update(entry, e => e.Versions.RemoveAll(v => v.Version == qualifier));
            if (removed == 0)
            {
                await LambdaErrors.NotFound(context, $"Function not found: {FunctionArn(reference.Name)}:{qualifier}");
                return;
            }
        }
        else
        {
            store.Remove(entry.Name);
            logs.Remove(entry.Name);
        }

        runtime.Retire(entry.Name);
        context.Response.StatusCode = 204;
    }

    // ---- Updates ---------------------------------------------------------------------------------

    public Task UpdateFunctionCode(HttpContext context) => WithFunctionAsync(context, MaxCreateBodyBytes, async (entry, root) =>
    {
        if (await RejectPublishedVersionAsync(context))
        {
            return;
        }

        if (GetString(root, "RevisionId") is { } revision && revision != entry.Latest.RevisionId)
        {
            await LambdaErrors.Precondition(context);
            return;
        }

        var zip = GetString(root, "ZipFile");
        if (zip is null)
        {
            await LambdaErrors.Invalid(context, "ZipFile is required (S3 and image code locations are not supported by Fluoro).");
            return;
        }

        var (sha, size, error) = StoreZip(zip);
        if (error is not null)
        {
            await LambdaErrors.Invalid(context, error);
            return;
        }

        if (GetBool(root, "DryRun") == true)
        {
            await WriteJsonAsync(context, 200, w => FunctionJson.WriteConfiguration(w, entry.Latest with { CodeSha256 = sha!, CodeSize = size }, FunctionArn(entry.Name), options.Region, options.AccountId));
            return;
        }

        var latest = store.Update(entry, e =>
        {
            e.Latest = e.Latest with { CodeSha256 = sha!, CodeSize = size, LastModified = Now(), RevisionId = Guid.NewGuid().ToString() };
            if (GetBool(root, "Publish") == true)
            {
                Publish(e, "");
            }

            return e.Latest;
        });
        runtime.Retire(entry.Name);
        await WriteJsonAsync(context, 200, w => FunctionJson.WriteConfiguration(w, latest, FunctionArn(entry.Name), options.Region, options.AccountId));
    });

    public Task UpdateFunctionConfiguration(HttpContext context) => WithFunctionAsync(context, 1024 * 1024, async (entry, root) =>
    {
        if (await RejectPublishedVersionAsync(context))
        {
            return;
        }

        if (GetString(root, "RevisionId") is { } revision && revision != entry.Latest.RevisionId)
        {
            await LambdaErrors.Precondition(context);
            return;
        }

        var (updated, error) = ApplyConfiguration(entry.Latest, root, creating: false);
        if (error is not null)
        {
            await LambdaErrors.Invalid(context, error);
            return;
        }

        var latest = store.Update(entry, e => e.Latest = updated with { LastModified = Now(), RevisionId = Guid.NewGuid().ToString() });
        runtime.Retire(entry.Name);
        await WriteJsonAsync(context, 200, w => FunctionJson.WriteConfiguration(w, latest, FunctionArn(entry.Name), options.Region, options.AccountId));
    });

    // ---- Versions, aliases, concurrency ----------------------------------------------------------

    public Task PublishVersion(HttpContext context) => WithFunctionAndOptionalBodyAsync(context, 64 * 1024, async (entry, root) =>
    {
        if (root is { } r && GetString(r, "RevisionId") is { } revision && revision != entry.Latest.RevisionId)
        {
            await LambdaErrors.Precondition(context);
            return;
        }

        if (root is { } r2 && GetString(r2, "CodeSha256") is { } sha && sha != entry.Latest.CodeSha256)
        {
            await LambdaErrors.Invalid(context, $"CodeSha256 ({sha}) is different from current CodeSha256 in $LATEST ({entry.Latest.CodeSha256}). Please try again with the CodeSha256 in $LATEST.");
            return;
        }

        var description = root is { } r3 ? GetString(r3, "Description") ?? "" : "";
        var version = store.Update(entry, e => Publish(e, description));
        await WriteJsonAsync(context, 201, w => FunctionJson.WriteConfiguration(w, version, FunctionArn(entry.Name), options.Region, options.AccountId));
    });

    public Task ListVersions(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Versions");
            FunctionJson.WriteConfiguration(w, entry.Latest, FunctionArn(entry.Name), options.Region, options.AccountId);
            foreach (var version in entry.Versions)
            {
                FunctionJson.WriteConfiguration(w, version, FunctionArn(entry.Name), options.Region, options.AccountId);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    });

    public Task CreateAlias(HttpContext context) => WithFunctionAsync(context, 64 * 1024, async (entry, root) =>
    {
        var name = GetString(root, "Name");
        var version = GetString(root, "FunctionVersion");
        if (name is null || !System.Text.RegularExpressions.Regex.IsMatch(name, "^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$") || name.Length > 128)
        {
            await LambdaErrors.Invalid(context, $"Invalid alias name: '{name}'.");
            return;
        }

        if (version is null || (version != "$LATEST" && entry.Versions.All(v => v.Version != version)))
        {
            await LambdaErrors.NotFound(context, $"Function not found: {FunctionArn(entry.Name)}:{version}");
            return;
        }

        var alias = new FunctionAlias { Name = name, FunctionVersion = version, Description = GetString(root, "Description") ?? "" };
        var added = store.Update(entry, e =>
        {
            if (e.Aliases.Any(a => a.Name == name))
            {
                return false;
            }

            e.Aliases.Add(alias);
            return true;
        });
        if (!added)
        {
            await LambdaErrors.Conflict(context, $"Alias already exists: {FunctionArn(entry.Name)}:{name}");
            return;
        }

        await WriteJsonAsync(context, 201, w => FunctionJson.WriteAlias(w, alias, FunctionArn(entry.Name)));
    });

    public Task GetAlias(HttpContext context) => WithAliasAsync(context, async (entry, alias) =>
    {
        await WriteJsonAsync(context, 200, w => FunctionJson.WriteAlias(w, alias, FunctionArn(entry.Name)));
    });

    public Task UpdateAlias(HttpContext context) => WithAliasAndOptionalBodyAsync(context, 64 * 1024, async (entry, alias, root) =>
    {
        if (root is { } r && GetString(r, "RevisionId") is { } revision && revision != alias.RevisionId)
        {
            await LambdaErrors.Precondition(context);
            return;
        }

        var version = root is { } r2 ? GetString(r2, "FunctionVersion") : null;
        if (version is not null && version != "$LATEST" && entry.Versions.All(v => v.Version != version))
        {
            await LambdaErrors.NotFound(context, $"Function not found: {FunctionArn(entry.Name)}:{version}");
            return;
        }

        var description = root is { } r3 ? GetString(r3, "Description") : null;
        var updated = alias with
        {
            FunctionVersion = version ?? alias.FunctionVersion,
            Description = description ?? alias.Description,
            RevisionId = Guid.NewGuid().ToString(),
        };
        store.Update(entry, e => e.Aliases[e.Aliases.FindIndex(a => a.Name == alias.Name)] = updated);
        await WriteJsonAsync(context, 200, w => FunctionJson.WriteAlias(w, updated, FunctionArn(entry.Name)));
    });

    public Task DeleteAlias(HttpContext context) => WithAliasAsync(context, (entry, alias) =>
    {
        store.Update(entry, e => e.Aliases.RemoveAll(a => a.Name == alias.Name));
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    });

    public Task ListAliases(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var filter = (string?)context.Request.Query["FunctionVersion"];
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Aliases");
            foreach (var alias in entry.Aliases.Where(a => string.IsNullOrEmpty(filter) || a.FunctionVersion == filter))
            {
                FunctionJson.WriteAlias(w, alias, FunctionArn(entry.Name));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    });

    public Task PutConcurrency(HttpContext context) => WithFunctionAsync(context, 64 * 1024, async (entry, root) =>
    {
        if (!root.TryGetProperty("ReservedConcurrentExecutions", out var value) || !value.TryGetInt32(out var reserved) || reserved < 0 || reserved > 1000)
        {
            await LambdaErrors.Invalid(context, "ReservedConcurrentExecutions must be between 0 and 1000.");
            return;
        }

        store.Update(entry, e => e.ReservedConcurrency = reserved);
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("ReservedConcurrentExecutions", reserved);
            w.WriteEndObject();
        });
    });

    public Task GetConcurrency(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            if (entry.ReservedConcurrency is { } reserved)
            {
                w.WriteNumber("ReservedConcurrentExecutions", reserved);
            }

            w.WriteEndObject();
        });
    });

    public Task DeleteConcurrency(HttpContext context) => WithFunctionAsync(context, entry =>
    {
        store.Update(entry, e => e.ReservedConcurrency = null);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    });

    public Task GetAccountSettings(HttpContext context) => WriteJsonAsync(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("AccountLimit");
        w.WriteNumber("TotalCodeSize", 80530636800);
        w.WriteNumber("CodeSizeUnzipped", 262144000);
        w.WriteNumber("CodeSizeZipped", 52428800);
        w.WriteNumber("ConcurrentExecutions", 1000);
        w.WriteNumber("UnreservedConcurrentExecutions", 1000);
        w.WriteEndObject();
        w.WriteStartObject("AccountUsage");
        w.WriteNumber("TotalCodeSize", 0);
        w.WriteNumber("FunctionCount", store.Count);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public Task GetLogs(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 200) : 20;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Invocations");
            foreach (var record in logs.Get(entry.Name, limit))
            {
                w.WriteStartObject();
                w.WriteString("Time", record.Time.ToString("O", CultureInfo.InvariantCulture));
                w.WriteString("RequestId", record.RequestId);
                w.WriteString("Log", record.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    });

    // ---- Invoke ----------------------------------------------------------------------------------

    public async Task Invoke(HttpContext context)
    {
        var receivedAt = time.GetUtcNow();
        var (entry, config) = await ResolveAsync(context);
        if (entry is null || config is null)
        {
            return;
        }

        var type = context.Request.Headers["X-Amz-Invocation-Type"].ToString();
        if (type.Length == 0)
        {
            type = "RequestResponse";
        }

        if (type is not ("RequestResponse" or "Event" or "DryRun"))
        {
            await LambdaErrors.Invalid(context, $"1 validation error detected: Value '{type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
            return;
        }

        var logType = context.Request.Headers["X-Amz-Log-Type"].ToString();
        if (logType.Length > 0 && logType is not ("None" or "Tail"))
        {
            await LambdaErrors.Invalid(context, $"1 validation error detected: Value '{logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]");
            return;
        }

        var limit = type == "Event" ? MaxEventPayloadBytes : FunctionInstance.MaxPayloadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var payload = await FunctionInstance.ReadBoundedAsync(context.Request, limit);
        if (payload is null)
        {
            await LambdaErrors.WriteAsync(context, 413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation");
            return;
        }

        if (payload.Length == 0)
        {
            payload = "{}"u8.ToArray();
        }
        else
        {
            try
            {
                var reader = new Utf8JsonReader(payload);
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                await LambdaErrors.WriteAsync(context, 400, "InvalidRequestContentException", "Could not parse request body into json: Could not parse payload into json: " + ex.Message);
                return;
            }
        }

        string? clientContext = null;
        var rawContext = context.Request.Headers["X-Amz-Client-Context"].ToString();
        if (rawContext.Length > 0)
        {
            try
            {
                clientContext = Encoding.UTF8.GetString(Convert.FromBase64String(rawContext));
            }
            catch (FormatException)
            {
                await LambdaErrors.WriteAsync(context, 400, "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.");
                return;
            }
        }

        context.Response.Headers["X-Amz-Executed-Version"] = config.Version;
        if (type == "DryRun")
        {
            context.Response.StatusCode = 204;
            return;
        }

        var reference = ParseReference(context)!;
        var qualifier = reference.Qualifier ?? (string?)context.Request.Query["Qualifier"];
        var invokedArn = string.IsNullOrEmpty(qualifier) ? FunctionArn(entry.Name) : FunctionArn(entry.Name) + ":" + qualifier;
        var traceHeader = context.Request.Headers[Fluoro.Tracing.TraceHeader.HeaderName].ToString();
        var request = new InvokeRequest
        {
            Entry = entry,
            Config = config,
            InvokedArn = invokedArn,
            Payload = payload,
            ClientContext = clientContext,
            TraceHeader = traceHeader,
            WaitForLog = logType == "Tail",
        };
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var trace = runtime.DecideTrace(config, traceHeader, receivedAt);
        context.Response.Headers[Fluoro.Tracing.TraceHeader.HeaderName] = $"Root={trace.Root};Sampled={(trace.Sampled ? "1" : "0")}";

        if (type == "Event")
        {
            var accepted = time.GetUtcNow();
            if (!events.TryEnqueue(new EventInvocation(request, requestId, trace, receivedAt, accepted)))
            {
                await LambdaErrors.WriteAsync(context, 429, "TooManyRequestsException", "The event queue is full.", w => w.WriteString("Reason", "CallerRateLimitExceeded"));
                return;
            }

            context.Response.StatusCode = 202;
            context.Response.ContentLength = 0;
            return;
        }

        var attempt = new AttemptTrace();
        var result = await runtime.RunAsync(request, requestId, trace, attempt, trace.ServiceSegmentId, context.RequestAborted);
        if (result.Throttled || result.Outcome is null)
        {
            context.Response.Headers["Retry-After"] = "1";
            await LambdaErrors.WriteAsync(context, 429, "TooManyRequestsException", "Rate Exceeded.", w =>
            {
                w.WriteString("Reason", entry.ReservedConcurrency is null ? "ConcurrentInvocationLimitExceeded" : "ReservedFunctionConcurrentInvocationLimitExceeded");
                w.WriteString("retryAfterSeconds", "1");
            });
            runtime.EmitServiceSegment(trace, config, requestId, 429, receivedAt, time.GetUtcNow(), []);
            return;
        }

        var outcome = result.Outcome;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (outcome.IsError)
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }

        if (logType == "Tail")
        {
            var bytes = Encoding.UTF8.GetBytes(result.Log);
            var tail = bytes.Length <= 4096 ? bytes : bytes[^4096..];
            context.Response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(tail);
        }

        context.Response.ContentLength = outcome.Body.Length;
        await context.Response.Body.WriteAsync(outcome.Body);
        runtime.EmitServiceSegment(trace, config, requestId, 200, receivedAt, time.GetUtcNow(), []);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private FunctionVersion Publish(FunctionEntry entry, string description)
    {
        var version = entry.Latest with
        {
            Version = entry.NextVersion.ToString(CultureInfo.InvariantCulture),
            Description = description.Length > 0 ? description : entry.Latest.Description,
            LastModified = Now(),
            RevisionId = Guid.NewGuid().ToString(),
        };
        entry.NextVersion++;
        entry.Versions.Add(version);
        return version;
    }

    private (FunctionVersion Config, string? Error) ApplyConfiguration(FunctionVersion config, JsonElement root, bool creating)
    {
        if (GetString(root, "Runtime") is { } runtimeName)
        {
            if (!RuntimeLaunch.IsSupportedRuntime(runtimeName))
            {
                return (config, $"Value {runtimeName} at 'runtime' is not supported by Fluoro. Supported runtimes: provided.al2023, provided.al2, nodejs20.x, nodejs22.x, nodejs24.x, dotnet8, dotnet10.");
            }

            config = config with { Runtime = runtimeName };
        }
        else if (creating)
        {
            return (config, "Runtime is required for Zip functions.");
        }

        if (GetString(root, "Role") is { } role)
        {
            config = config with { Role = role };
        }

        if (GetString(root, "Handler") is { } handler)
        {
            if (handler.Length > 128)
            {
                return (config, "Handler must be at most 128 characters.");
            }

            config = config with { Handler = handler };
        }

        if (GetString(root, "Description") is { } description)
        {
            config = config with { Description = description };
        }

        if (root.TryGetProperty("Timeout", out var timeout))
        {
            if (!timeout.TryGetInt32(out var seconds) || seconds is < 1 or > 900)
            {
                return (config, $"1 validation error detected: Value '{timeout}' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900");
            }

            config = config with { Timeout = seconds };
        }

        if (root.TryGetProperty("MemorySize", out var memory))
        {
            if (!memory.TryGetInt32(out var mb) || mb is < 128 or > 10240)
            {
                return (config, $"1 validation error detected: Value '{memory}' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240");
            }

            config = config with { MemorySize = mb };
        }

        if (root.TryGetProperty("TracingConfig", out var tracing) && tracing.ValueKind == JsonValueKind.Object && GetString(tracing, "Mode") is { } mode)
        {
            if (mode is not ("Active" or "PassThrough"))
            {
                return (config, $"1 validation error detected: Value '{mode}' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [Active, PassThrough]");
            }

            config = config with { TracingMode = mode };
        }

        if (root.TryGetProperty("Architectures", out var architectures) && architectures.ValueKind == JsonValueKind.Array && architectures.GetArrayLength() > 0)
        {
            var architecture = architectures[0].GetString();
            if (architecture is not ("x86_64" or "arm64"))
            {
                return (config, $"Value '{architecture}' at 'architectures' is not valid.");
            }

            config = config with { Architecture = architecture };
        }

        if (root.TryGetProperty("EphemeralStorage", out var storage) && storage.TryGetProperty("Size", out var size) && size.TryGetInt32(out var storageSize))
        {
            config = config with { EphemeralStorage = storageSize };
        }

        if (root.TryGetProperty("Environment", out var environment) && environment.ValueKind == JsonValueKind.Object)
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (environment.TryGetProperty("Variables", out var vars) && vars.ValueKind == JsonValueKind.Object)
            {
                var total = 0;
                foreach (var variable in vars.EnumerateObject())
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(variable.Name, "^[a-zA-Z][a-zA-Z0-9_]+$"))
                    {
                        return (config, $"Environment variable name '{variable.Name}' is not valid: it must start with a letter and contain only letters, digits and underscores (at least 2 characters).");
                    }

                    if (ReservedVariables.Contains(variable.Name))
                    {
                        return (config, "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: " + variable.Name);
                    }

                    var value = variable.Value.ValueKind == JsonValueKind.String ? variable.Value.GetString()! : variable.Value.GetRawText();
                    total += Encoding.UTF8.GetByteCount(variable.Name) + Encoding.UTF8.GetByteCount(value);
                    variables[variable.Name] = value;
                }

                if (total > MaxEnvironmentBytes)
                {
                    return (config, $"Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {total} bytes");
                }
            }

            config = config with { Environment = variables };
        }

        return (config, null);
    }

    private (string? Sha, long Size, string? Error) StoreZip(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return (null, 0, "Code.ZipFile is required (S3 and image code locations are not supported by Fluoro).");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return (null, 0, "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            _ = archive.Entries.Count;
        }
        catch (InvalidDataException)
        {
            return (null, 0, "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }

        return (store.SaveCode(bytes), bytes.LongLength, null);
    }

    /// <summary>Published versions are immutable: an update naming one (<c>name:1</c>, a qualified ARN) is refused, not applied to $LATEST.</summary>
    private static async Task<bool> RejectPublishedVersionAsync(HttpContext context)
    {
        if (ParseReference(context) is { Qualifier: { } qualifier } && qualifier != "$LATEST")
        {
            await LambdaErrors.Invalid(context, $"Only $LATEST can be updated; '{qualifier}' names a published version or alias, whose code and configuration cannot change.");
            return true;
        }

        return false;
    }

    private static FunctionReference? ParseReference(HttpContext context) =>
        FunctionReference.TryParse(context.Request.RouteValues["name"] as string, out var reference) ? reference : null;

    private static async Task<bool> TryReferenceAsync(HttpContext context)
    {
        if (ParseReference(context) is not null)
        {
            return true;
        }

        await LambdaErrors.Invalid(context, $"1 validation error detected: Value '{context.Request.RouteValues["name"]}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        return false;
    }

    /// <summary>The function entry for the path (qualifier ignored), or a written 400/404.</summary>
    private async Task<FunctionEntry?> FindAsync(HttpContext context)
    {
        if (!await TryReferenceAsync(context))
        {
            return null;
        }

        var reference = ParseReference(context)!;
        var entry = store.Get(reference.Name);
        if (entry is null)
        {
            await LambdaErrors.NotFound(context, "Function not found: " + FunctionArn(reference.Name));
        }

        return entry;
    }

    /// <summary>The function and the version a qualifier (path or query) selects, or a written error.</summary>
    private async Task<(FunctionEntry? Entry, FunctionVersion? Config)> ResolveAsync(HttpContext context)
    {
        var entry = await FindAsync(context);
        if (entry is null)
        {
            return (null, null);
        }

        var reference = ParseReference(context)!;
        var qualifier = reference.Qualifier ?? (string?)context.Request.Query["Qualifier"];
        if (string.IsNullOrEmpty(qualifier) || qualifier == "$LATEST")
        {
            return (entry, entry.Latest);
        }

        var version = entry.Versions.FirstOrDefault(v => v.Version == qualifier);
        if (version is null && entry.Aliases.FirstOrDefault(a => a.Name == qualifier) is { } alias)
        {
            version = alias.FunctionVersion == "$LATEST" ? entry.Latest : entry.Versions.FirstOrDefault(v => v.Version == alias.FunctionVersion);
        }

        if (version is null)
        {
            await LambdaErrors.NotFound(context, $"Function not found: {FunctionArn(entry.Name)}:{qualifier}");
            return (null, null);
        }

        return (entry, version);
    }

    private async Task<(FunctionEntry? Entry, FunctionAlias? Alias)> FindAliasAsync(HttpContext context)
    {
        var entry = await FindAsync(context);
        if (entry is null)
        {
            return (null, null);
        }

        var name = context.Request.RouteValues["alias"] as string;
        var alias = entry.Aliases.FirstOrDefault(a => a.Name == name);
        if (alias is null)
        {
            await LambdaErrors.NotFound(context, $"Alias not found: {FunctionArn(entry.Name)}:{name}");
            return (null, null);
        }

        return (entry, alias);
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, long limit, bool allowEmpty = false)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await LambdaErrors.WriteAsync(context, 413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes.");
            return null;
        }

        var body = await FunctionInstance.ReadBoundedAsync(context.Request, (int)Math.Min(limit, int.MaxValue));
        if (body is null)
        {
            await LambdaErrors.WriteAsync(context, 413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes.");
            return null;
        }

        if (body.Length == 0)
        {
            if (allowEmpty)
            {
                return null;
            }

            await LambdaErrors.Invalid(context, "The request body is empty.");
            return null;
        }

        var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            await LambdaErrors.WriteAsync(context, 400, "InvalidRequestContentException", "The request body must be a JSON object.");
            return null;
        }

        return doc;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        var bytes = FunctionJson.Write(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? GetBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static byte[] DecodeMarker(string marker)
    {
        try
        {
            return Convert.FromBase64String(marker);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
