using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Sdk.Tests;

// The two samples as a user runs them: samples/SdkFunction deployed as a dotnet10 function with Active tracing into
// a real Fluoro through the Lambda API, samples/SdkWebApp started as its own process; one request to the web app
// becomes one trace, read back with BatchGetTraces.
[Collection(nameof(TracerTests))]
public sealed class SamplesEndToEndTests
{
    private const string FunctionName = "sdk-function";

    [Fact]
    public async Task Web_app_request_and_the_function_it_invokes_come_back_as_one_trace_tree()
    {
        await using var fluoro = await SdkTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = fluoro.Server.HttpEndpoint, Timeout = TimeSpan.FromSeconds(60) };
        await CreateFunctionAsync(http);

        var quoteUrl = new Uri(fluoro.Server.HttpEndpoint, "/_fluoro/health").ToString();
        await using var webApp = await WebAppProcess.StartAsync(fluoro.Server.HttpEndpoint, fluoro.Server.DaemonAddress, quoteUrl);

        // Requests without a decision are sampled by the rules (one a second, then 5 %): retry past an unsampled one.
        string? root = null;
        string body = "";
        for (var attempt = 0; attempt < 3 && root is null; attempt++)
        {
            using var response = await webApp.Client.GetAsync("/quote/acme");
            body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}\n{webApp.Output}");
            var header = response.Headers.GetValues("X-Amzn-Trace-Id").Single();
            if (header.EndsWith(";Sampled=1", StringComparison.Ordinal))
            {
                root = header["Root=".Length..header.IndexOf(';', StringComparison.Ordinal)];
            }
            else
            {
                await Task.Delay(1100);
            }
        }

        Assert.True(root is not null, "no request was sampled");
        using (var answer = JsonDocument.Parse(body))
        {
            // The function saw the web app's trace and fetched its quote (Fluoro's health endpoint).
            Assert.Equal("acme", answer.RootElement.GetProperty("customer").GetString());
            Assert.Equal(200, answer.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(root, answer.RootElement.GetProperty("traceId").GetString());
        }

        var documents = await WaitForTreeAsync(http, root);
        var web = documents.Single(d => d.GetProperty("name").GetString() == "sdk-web-app" && !d.TryGetProperty("origin", out _));
        Assert.False(web.TryGetProperty("parent_id", out _), "the web app's segment is the root");
        Assert.Equal("acme", web.GetProperty("annotations").GetProperty("customer").GetString());

        var lambda = documents.Single(d => Origin(d) == "AWS::Lambda");
        var function = documents.Single(d => Origin(d) == "AWS::Lambda::Function");
        Assert.Equal(FunctionName, lambda.GetProperty("name").GetString());
        Assert.Equal(FunctionName, function.GetProperty("name").GetString());

        // web app segment → its outgoing call (a remote subsegment carrying the invoke's HTTP fields) → AWS::Lambda.
        var call = FindById(web, lambda.GetProperty("parent_id").GetString()!);
        Assert.True(call is not null, "AWS::Lambda's parent is not a subsegment of the web app's segment: " + web.GetRawText());
        Assert.Equal("remote", call.Value.GetProperty("namespace").GetString());
        Assert.Equal("POST", call.Value.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.Contains($"/functions/{FunctionName}/invocations", call.Value.GetProperty("http").GetProperty("request").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, call.Value.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());

        // AWS::Lambda → AWS::Lambda::Function → Invocation → the function's subsegment with annotation and metadata.
        Assert.Equal(lambda.GetProperty("id").GetString(), function.GetProperty("parent_id").GetString());
        var invocation = function.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Invocation");
        var fetch = invocation.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "fetch-quote");
        Assert.Equal("acme", fetch.GetProperty("annotations").GetProperty("customer").GetString());
        var quotes = fetch.GetProperty("metadata").GetProperty("quotes");
        Assert.False(string.IsNullOrEmpty(quotes.GetProperty("request_id").GetString()));
        Assert.True(quotes.GetProperty("quote_length").GetInt32() > 0);

        // The function's own HTTP call nests under fetch-quote.
        var fetchCall = fetch.GetProperty("subsegments").EnumerateArray().Single();
        Assert.Equal("remote", fetchCall.GetProperty("namespace").GetString());
        Assert.Equal(quoteUrl, fetchCall.GetProperty("http").GetProperty("request").GetProperty("url").GetString());
    }

    private static async Task CreateFunctionAsync(HttpClient http)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var build = Path.Combine(TestPaths.RepositoryRoot, "samples", "SdkFunction", "bin", configuration, "net10.0", "linux-x64");
        Assert.True(File.Exists(Path.Combine(build, "SdkFunction.dll")), $"{build} not built");
        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(build, zip, CompressionLevel.Fastest, includeBaseDirectory: false);

        using var create = await http.PostAsJsonAsync("/2015-03-31/functions", new
        {
            FunctionName,
            Runtime = "dotnet10",
            Handler = "SdkFunction::SdkFunction.Function::Handler",
            Role = "arn:aws:iam::000000000000:role/sdk-sample",
            Timeout = 30,
            Code = new { ZipFile = Convert.ToBase64String(zip.ToArray()) },
            TracingConfig = new { Mode = "Active" },
        }, new JsonSerializerOptions());
        Assert.True(create.IsSuccessStatusCode, await create.Content.ReadAsStringAsync());

        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (true)
        {
            using var function = JsonDocument.Parse(await http.GetStringAsync($"/2015-03-31/functions/{FunctionName}"));
            var state = function.RootElement.GetProperty("Configuration").GetProperty("State").GetString();
            if (state == "Active")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "function state " + state);
            await Task.Delay(100);
        }
    }

    /// <summary>Polls BatchGetTraces until the trace holds the web app's segment, both Lambda segments and fetch-quote.</summary>
    private static async Task<List<JsonElement>> WaitForTreeAsync(HttpClient http, string traceId)
    {
        List<JsonElement> documents = [];
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.PostAsJsonAsync("/Traces", new { TraceIds = new[] { traceId } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var traces = body.RootElement.GetProperty("Traces");
            Assert.True(traces.GetArrayLength() <= 1);
            documents = traces.GetArrayLength() == 0
                ? []
                : [.. traces[0].GetProperty("Segments").EnumerateArray()
                    .Select(s => JsonDocument.Parse(s.GetProperty("Document").GetString()!).RootElement.Clone())];
            if (documents.Any(d => d.GetProperty("name").GetString() == "sdk-web-app" && d.TryGetProperty("subsegments", out _))
                && documents.Any(d => Origin(d) == "AWS::Lambda")
                && documents.Any(d => Origin(d) == "AWS::Lambda::Function" && HasFetchQuote(d)))
            {
                return documents;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the trace never held the whole tree: " + string.Join("\n", documents.Select(d => d.GetRawText())));
        return documents;
    }

    private static bool HasFetchQuote(JsonElement function)
        => function.TryGetProperty("subsegments", out var subsegments)
           && subsegments.EnumerateArray().Any(s => s.GetProperty("name").GetString() == "Invocation"
               && s.TryGetProperty("subsegments", out var children)
               && children.EnumerateArray().Any(c => c.GetProperty("name").GetString() == "fetch-quote" && c.TryGetProperty("subsegments", out _)));

    private static string? Origin(JsonElement document) => document.TryGetProperty("origin", out var o) ? o.GetString() : null;

    private static JsonElement? FindById(JsonElement entity, string id)
    {
        if (!entity.TryGetProperty("subsegments", out var children))
        {
            return null;
        }

        foreach (var child in children.EnumerateArray())
        {
            if (child.GetProperty("id").GetString() == id)
            {
                return child;
            }

            if (FindById(child, id) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    /// <summary>samples/SdkWebApp as its own process on a free loopback port, pointed at the test's Fluoro.</summary>
    private sealed class WebAppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private WebAppProcess(Process process) => _process = process;

        public HttpClient Client { get; private set; } = null!;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<WebAppProcess> StartAsync(Uri fluoroEndpoint, string daemonAddress, string quoteUrl)
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(TestPaths.RepositoryRoot, "samples", "SdkWebApp", "bin", configuration, "net10.0", "linux-x64", "SdkWebApp.dll");
            Assert.True(File.Exists(dll), $"{dll} not built");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            foreach (var argument in (string[])["exec", dll, "--urls", "http://127.0.0.1:0"])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["FLUORO_ENDPOINT"] = fluoroEndpoint.ToString().TrimEnd('/');
            start.Environment["FUNCTION_NAME"] = FunctionName;
            start.Environment["QUOTE_URL"] = quoteUrl;
            start.Environment["AWS_XRAY_DAEMON_ADDRESS"] = daemonAddress;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

            var web = new WebAppProcess(Process.Start(start)!);
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnLine(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is not { } line)
                {
                    return;
                }

                lock (web._output)
                {
                    web._output.AppendLine(line);
                }

                var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
                if (at >= 0)
                {
                    listening.TrySetResult(new Uri(line[(at + "Now listening on: ".Length)..].Trim()));
                }
            }

            web._process.OutputDataReceived += OnLine;
            web._process.ErrorDataReceived += OnLine;
            web._process.BeginOutputReadLine();
            web._process.BeginErrorReadLine();
            web._process.EnableRaisingEvents = true;
            web._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("SdkWebApp exited: " + web.Output));
            try
            {
                var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
                web.Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
                return web;
            }
            catch
            {
                await web.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
