using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Lambda.Events;
using Fluoro.Lambda.Tracing;
using Fluoro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>
/// The Lambda endpoints on 127.0.0.1:0 driven by a fake clock, with an optional <see cref="ILambdaSampler"/>
/// registered the way the composition root registers one, and helpers for the EventBridge awsJson calls.
/// </summary>
internal sealed class ScheduleHost : IAsyncDisposable
{
    /// <summary>A custom runtime that appends each event, one per line, to the file named by EVENTS_FILE.</summary>
    private const string Recorder = """
        #!/bin/bash
        set -euo pipefail
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        while true; do
          HEADERS="$(mktemp)"
          EVENT_DATA=$(curl -sS -LD "$HEADERS" "$API/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          rm -f "$HEADERS"
          LINE="$(echo "$EVENT_DATA" | tr -d '\n')"
          printf '%s\n' "$LINE" >> "$EVENTS_FILE"  # one append per event: concurrent instances never interleave
          curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d '{"ok":true}' >/dev/null
        done
        """;

    private readonly WebApplication _app;

    private ScheduleHost(WebApplication app, SegmentSink sink, FakeTimeProvider time, string directory, Uri baseUrl)
    {
        _app = app;
        Segments = sink;
        Time = time;
        Directory = directory;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public SegmentSink Segments { get; }

    public FakeTimeProvider Time { get; }

    public string Directory { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public EventRules Rules => _app.Services.GetRequiredService<EventRules>();

    public static async Task<ScheduleHost> StartAsync(FakeTimeProvider time, Func<TimeProvider, ILambdaSampler>? sampler = null, string? directory = null)
    {
        var sink = new SegmentSink();
        directory ??= TestPaths.NewScratchDirectory("fluoro-schedules");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(time);
        if (sampler is not null)
        {
            builder.Services.AddSingleton(sampler(time));
        }

        builder.Services.AddFluoroLambda(o =>
        {
            o.DataDirectory = directory;
            o.DaemonEndpoint = sink.Endpoint;
        });
        var app = builder.Build();
        app.MapFluoroLambda();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScheduleHost(app, sink, time, directory, new Uri(address));
    }

    public string EventsFile(string function) => Path.Combine(Directory, function + ".events");

    /// <summary>Creates a function that records its events; returns its ARN.</summary>
    public async Task<string> CreateRecorderAsync(string name, string tracing)
    {
        var zip = Convert.ToBase64String(TestFunctions.Zip(("bootstrap", Recorder)));
        var environment = "{\"Variables\":{\"EVENTS_FILE\":" + JsonSerializer.Serialize(EventsFile(name)) + "}}";
        var body = $$"""
            {"FunctionName":"{{name}}","Runtime":"provided.al2023","Role":"arn:aws:iam::000000000000:role/r","Handler":"x",
             "TracingConfig":{"Mode":"{{tracing}}"},"Code":{"ZipFile":"{{zip}}"},"Environment":{{environment}}}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("/2015-03-31/functions", content).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }

    /// <summary>One EventBridge call as the SDKs make it: awsJson 1.1 on POST / with X-Amz-Target.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, string? ErrorType)> EventsAsync(string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents." + operation);
        using var response = await Http.SendAsync(request).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        return (response.StatusCode, doc.RootElement.Clone(), errorType);
    }

    /// <summary>Waits (in real time) until the function has recorded at least <paramref name="count"/> events.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(string function, int count)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (true)
        {
            var lines = File.Exists(EventsFile(function))
                ? (await File.ReadAllLinesAsync(EventsFile(function))).Where(l => l.Length > 0).ToList()
                : [];
            if (lines.Count >= count)
            {
                return [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
            }

            Assert.True(DateTime.UtcNow < deadline, $"{function} recorded {lines.Count} of {count} events");
            await Task.Delay(50);
        }
    }

    /// <summary>Moves the fake clock and runs the scheduler's check for due rules at the new time.</summary>
    public void AdvanceAndTick(TimeSpan delta)
    {
        Time.Advance(delta);
        Rules.Tick();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Segments.Dispose();
    }
}
