using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Fluoro.Cli.Commands;

/// <summary><c>fluoro functions list|deploy|invoke|logs</c>: talks to a running Fluoro over its Lambda API.</summary>
internal static class FunctionsCommand
{
    public static Command Create()
    {
        var command = new Command("functions", "Manage and invoke Lambda functions on a running Fluoro.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Deploy());
        command.Subcommands.Add(Invoke());
        command.Subcommands.Add(Logs());
        return command;
    }

    internal static Option<string> EndpointOption() => new("--endpoint")
    {
        Description = "Fluoro's edge URL.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FLUORO_ENDPOINT") ?? "http://127.0.0.1:4566",
    };

    internal static HttpClient Client(string endpoint) => new() { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(16) };

    private static Command List()
    {
        var endpoint = EndpointOption();
        var command = new Command("list", "List functions.") { endpoint };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(endpoint)!);
            string? marker = null;
            System.Console.WriteLine($"{"NAME",-32} {"RUNTIME",-16} {"TRACING",-12} {"MEMORY",6} {"TIMEOUT",7}  LAST MODIFIED");
            do
            {
                var url = "2015-03-31/functions/" + (marker is null ? "" : "?Marker=" + Uri.EscapeDataString(marker));
                using var response = await http.GetAsync(url, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return Error(response, body);
                }

                using var doc = JsonDocument.Parse(body);
                foreach (var f in doc.RootElement.GetProperty("Functions").EnumerateArray())
                {
                    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{f.GetProperty("FunctionName").GetString(),-32} {f.GetProperty("Runtime").GetString(),-16} {f.GetProperty("TracingConfig").GetProperty("Mode").GetString(),-12} {f.GetProperty("MemorySize").GetInt32(),6} {f.GetProperty("Timeout").GetInt32(),7}  {f.GetProperty("LastModified").GetString()}"));
                }

                marker = doc.RootElement.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            }
            while (!string.IsNullOrEmpty(marker));

            return 0;
        });
        return command;
    }

    private static Command Deploy()
    {
        var endpoint = EndpointOption();
        var dir = new Option<string>("--dir") { Description = "Folder holding the function's code.", Required = true };
        var name = new Option<string?>("--name") { Description = "Function name (default: the folder name)." };
        var runtime = new Option<string?>("--runtime") { Description = "Runtime (default: provided.al2023 with a bootstrap file, nodejs22.x with .js/.mjs, dotnet10 with a .dll)." };
        var handler = new Option<string?>("--handler") { Description = "Handler (default: index.handler for Node; required for dotnet)." };
        var tracing = new Option<string>("--tracing") { Description = "Active or PassThrough.", DefaultValueFactory = _ => "Active" };
        var timeout = new Option<int>("--timeout") { Description = "Timeout in seconds.", DefaultValueFactory = _ => 30 };
        var memory = new Option<int>("--memory") { Description = "Memory in MB.", DefaultValueFactory = _ => 256 };
        var once = new Option<bool>("--once") { Description = "Deploy once and exit instead of redeploying on every change." };
        var command = new Command("deploy", "Deploy a folder as a function, then redeploy it whenever a file changes.")
        {
            endpoint, dir, name, runtime, handler, tracing, timeout, memory, once,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(dir)!);
            if (!Directory.Exists(folder))
            {
                System.Console.Error.WriteLine($"--dir: '{folder}' does not exist.");
                return 2;
            }

            var spec = new DeploySpec(
                parse.GetValue(name) ?? new DirectoryInfo(folder).Name,
                parse.GetValue(runtime) ?? GuessRuntime(folder),
                parse.GetValue(handler),
                parse.GetValue(tracing)!,
                parse.GetValue(timeout),
                parse.GetValue(memory));
            using var http = Client(parse.GetValue(endpoint)!);
            var rc = await DeployOnceAsync(http, folder, spec, cancellationToken);
            if (rc != 0 || parse.GetValue(once))
            {
                return rc;
            }

            System.Console.WriteLine($"Watching {folder} for changes (Ctrl+C to stop).");
            using var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            var changed = 0;
            void OnChange(object sender, FileSystemEventArgs e) => Interlocked.Exchange(ref changed, 1);
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += (s, e) => OnChange(s, e);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(500, cancellationToken);
                    if (Interlocked.Exchange(ref changed, 0) == 1)
                    {
                        // Let an editor or build finish writing before zipping.
                        await Task.Delay(300, cancellationToken);
                        Interlocked.Exchange(ref changed, 0);
                        await DeployOnceAsync(http, folder, spec, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }

    internal sealed record DeploySpec(string Name, string Runtime, string? Handler, string Tracing, int Timeout, int Memory);

    internal static string GuessRuntime(string folder)
    {
        if (File.Exists(Path.Combine(folder, "bootstrap")))
        {
            return "provided.al2023";
        }

        if (Directory.EnumerateFiles(folder, "*.dll").Any())
        {
            return "dotnet10";
        }

        return "nodejs22.x";
    }

    internal static async Task<int> DeployOnceAsync(HttpClient http, string folder, DeploySpec spec, CancellationToken cancellationToken)
    {
        byte[] zip;
        using (var buffer = new MemoryStream())
        {
            ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
            zip = buffer.ToArray();
        }

        var handler = spec.Handler ?? (spec.Runtime.StartsWith("nodejs", StringComparison.Ordinal) ? "index.handler" : "bootstrap");
        using var get = await http.GetAsync($"2015-03-31/functions/{Uri.EscapeDataString(spec.Name)}", cancellationToken);
        HttpResponseMessage response;
        if (get.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            var body = Json(w =>
            {
                w.WriteString("FunctionName", spec.Name);
                w.WriteString("Runtime", spec.Runtime);
                w.WriteString("Handler", handler);
                w.WriteString("Role", "arn:aws:iam::000000000000:role/fluoro");
                w.WriteNumber("Timeout", spec.Timeout);
                w.WriteNumber("MemorySize", spec.Memory);
                w.WriteStartObject("TracingConfig");
                w.WriteString("Mode", spec.Tracing);
                w.WriteEndObject();
                w.WriteStartObject("Code");
                w.WriteBase64String("ZipFile", zip);
                w.WriteEndObject();
            });
            response = await http.PostAsync("2015-03-31/functions", body, cancellationToken);
        }
        else
        {
            response = await http.PutAsync($"2015-03-31/functions/{Uri.EscapeDataString(spec.Name)}/code", Json(w => w.WriteBase64String("ZipFile", zip)), cancellationToken);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Error(response, text);
            }

            using var doc = JsonDocument.Parse(text);
            System.Console.WriteLine($"Deployed {spec.Name} ({spec.Runtime}, {zip.Length} bytes, sha256 {doc.RootElement.GetProperty("CodeSha256").GetString()})");
            return 0;
        }
    }

    private static Command Invoke()
    {
        var endpoint = EndpointOption();
        var name = new Argument<string>("name") { Description = "Function name or ARN (with an optional :qualifier)." };
        var payload = new Option<string>("--payload") { Description = "JSON event.", DefaultValueFactory = _ => "{}" };
        var tail = new Option<bool>("--tail") { Description = "Print the invocation's log." };
        var async = new Option<bool>("--async") { Description = "Invoke asynchronously (InvocationType Event)." };
        var command = new Command("invoke", "Invoke a function and print its response.") { endpoint, name, payload, tail, async };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(endpoint)!);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"2015-03-31/functions/{Uri.EscapeDataString(parse.GetValue(name)!)}/invocations")
            {
                Content = new StringContent(parse.GetValue(payload)!, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", parse.GetValue(async) ? "Event" : "RequestResponse");
            if (parse.GetValue(tail))
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Log-Type", "Tail");
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Error(response, body);
            }

            if (response.Headers.TryGetValues("X-Amz-Log-Result", out var log))
            {
                System.Console.Error.Write(Encoding.UTF8.GetString(Convert.FromBase64String(log.First())));
            }

            System.Console.WriteLine(body.Length == 0 ? $"({(int)response.StatusCode})" : body);
            return response.Headers.Contains("X-Amz-Function-Error") ? 1 : 0;
        });
        return command;
    }

    private static Command Logs()
    {
        var endpoint = EndpointOption();
        var name = new Argument<string>("name") { Description = "Function name." };
        var limit = new Option<int>("--limit") { Description = "How many recent invocations.", DefaultValueFactory = _ => 10 };
        var command = new Command("logs", "Print the logs of a function's recent invocations.") { endpoint, name, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = Client(parse.GetValue(endpoint)!);
            using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"_fluoro/lambda/functions/{Uri.EscapeDataString(parse.GetValue(name)!)}/logs?limit={parse.GetValue(limit)}"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Error(response, body);
            }

            using var doc = JsonDocument.Parse(body);
            foreach (var invocation in doc.RootElement.GetProperty("Invocations").EnumerateArray())
            {
                System.Console.Write(invocation.GetProperty("Log").GetString());
            }

            return 0;
        });
        return command;
    }

    internal static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    internal static int Error(HttpResponseMessage response, string body)
    {
        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var message = body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("Message", out var m))
            {
                message = m.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        System.Console.Error.WriteLine($"{code}: {message}");
        return 1;
    }
}
