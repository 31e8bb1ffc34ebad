using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fluoro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Tests;

/// <summary>The Lambda endpoints in a minimal web app on 127.0.0.1:0, with a UDP sink as the daemon.</summary>
internal sealed class LambdaTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LambdaTestHost(WebApplication app, SegmentSink sink, string dataDirectory, Uri baseUrl)
    {
        _app = app;
        Segments = sink;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public SegmentSink Segments { get; }

    public string DataDirectory { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LambdaTestHost> StartAsync(string? dataDirectory = null, Action<LambdaOptions>? configure = null, TimeProvider? time = null)
    {
        var sink = new SegmentSink();
        dataDirectory ??= TestPaths.NewScratchDirectory("fluoro-lambda");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddFluoroLambda(o =>
        {
            o.DataDirectory = dataDirectory;
            o.DaemonEndpoint = sink.Endpoint;
            o.EventRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)];
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapFluoroLambda();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LambdaTestHost(app, sink, dataDirectory, new Uri(address));
    }

    public async Task<HttpResponseMessage> CreateAsync(string name, string runtime, string handler, byte[] zip,
        string tracing = "PassThrough", int timeout = 10, string? environmentJson = null)
    {
        var body = $$"""
            {"FunctionName":"{{name}}","Runtime":"{{runtime}}","Role":"arn:aws:iam::000000000000:role/r","Handler":"{{handler}}",
             "Timeout":{{timeout}},"TracingConfig":{"Mode":"{{tracing}}"},"Code":{"ZipFile":"{{Convert.ToBase64String(zip)}}"}
             {{(environmentJson is null ? "" : ",\"Environment\":{\"Variables\":" + environmentJson + "}")}}}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await Http.PostAsync("/2015-03-31/functions", content);
    }

    public async Task<HttpResponseMessage> InvokeAsync(string name, string payload, string? traceHeader = null,
        string invocationType = "RequestResponse", bool tail = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/2015-03-31/functions/{Uri.EscapeDataString(name)}/invocations")
        {
            Content = new StringContent(payload, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", invocationType);
        if (tail)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Log-Type", "Tail");
        }

        if (traceHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", traceHeader);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Segments.Dispose();
    }
}
