using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Fluoro.Lambda.RuntimeSupport;
using Fluoro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Tests;

/// <summary>
/// The .NET runtime client's own HTTP/1.1 against a Kestrel Runtime API that answers in the shapes a server may
/// choose: chunked and sized bodies, <c>Connection: close</c>, and going away.
/// </summary>
public sealed class RuntimeApiClientTests
{
    [Fact]
    public async Task Reads_chunked_and_sized_events_posts_results_and_reconnects_after_a_close()
    {
        var posted = new ConcurrentQueue<(string Path, string? ContentType, string? ErrorType, string? Cause, string Body)>();
        var nextCalls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/2018-06-01/runtime/invocation/next", async (HttpContext context) =>
        {
            var call = Interlocked.Increment(ref nextCalls);
            var headers = context.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = $"req-{call}";
            headers["Lambda-Runtime-Deadline-Ms"] = "1795882075784";
            headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:f";
            headers["Lambda-Runtime-Trace-Id"] = "Root=1-6b0ac9b0-b4d2c4468a743c785c8aaad8;Parent=53995c3f42cd8ad8;Sampled=1";
            if (call == 1)
            {
                // No length: Kestrel sends it chunked, here in two chunks.
                await context.Response.WriteAsync("{\"part\":");
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("1}");
            }
            else
            {
                var body = Encoding.UTF8.GetBytes(new string('x', 100_000));
                headers.Connection = "close";
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
            }
        });
        app.MapPost("/2018-06-01/runtime/invocation/{id}/{verb}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            posted.Enqueue((context.Request.Path.Value!, context.Request.ContentType, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(),
                context.Request.Headers["Lambda-Runtime-Function-XRay-Error-Cause"].FirstOrDefault(), await reader.ReadToEndAsync()));
            context.Response.StatusCode = 202;
            await context.Response.WriteAsync("{\"status\":\"OK\"}");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new RuntimeApiClient(address.Authority);

        var first = await client.NextAsync().DefaultTimeout();
        await client.SendResponseAsync(first.RequestId, Encoding.UTF8.GetBytes("{\"ok\":true}")).DefaultTimeout();
        var second = await client.NextAsync().DefaultTimeout();
        await client.SendErrorAsync(second.RequestId, new InvalidOperationException("line one\nline two")).DefaultTimeout();

        Assert.Equal("req-1", first.RequestId);
        Assert.Equal("{\"part\":1}", Encoding.UTF8.GetString(first.Payload));
        Assert.Equal(1795882075784, first.DeadlineUnixMs);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:f", first.InvokedFunctionArn);
        Assert.Equal("Root=1-6b0ac9b0-b4d2c4468a743c785c8aaad8;Parent=53995c3f42cd8ad8;Sampled=1", first.TraceId);
        Assert.Equal("req-2", second.RequestId);
        Assert.Equal(100_000, second.Payload.Length);
        var results = posted.ToArray();
        Assert.Equal(2, results.Length);
        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", results[0].Path);
        Assert.Equal("application/json", results[0].ContentType);
        Assert.Equal("{\"ok\":true}", results[0].Body);
        Assert.Equal("/2018-06-01/runtime/invocation/req-2/error", results[1].Path);
        Assert.Equal("application/vnd.aws.lambda.error+json", results[1].ContentType);
        Assert.Equal("InvalidOperationException", results[1].ErrorType);
        Assert.Contains("line one", results[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"working_directory\"", results[1].Cause, StringComparison.Ordinal);

        await app.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.NextAsync().DefaultTimeout());
    }
}
