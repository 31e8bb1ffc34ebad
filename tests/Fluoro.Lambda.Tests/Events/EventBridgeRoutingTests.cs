using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>POST / belongs to EventBridge only when X-Amz-Target names an EventBridge operation.</summary>
public sealed class EventBridgeRoutingTests
{
    private static async Task<HttpResponseMessage> PostRootAsync(HttpClient http, string? target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        return await http.SendAsync(request).DefaultTimeout();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_root_without_an_eventbridge_target_is_left_to_other_handlers(bool otherHandler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddFluoroLambda(o => o.DataDirectory = TestPaths.NewScratchDirectory("fluoro-routing"));
        await using var app = builder.Build();
        app.MapFluoroLambda();
        if (otherHandler)
        {
            app.MapPost("/", () => Results.Text("other"));
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using (var events = await PostRootAsync(http, "AWSEvents.ListRules"))
        {
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
            Assert.Contains("\"Rules\"", await events.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var target in new[] { null, "AmazonSQS.ListQueues" })
        {
            using var response = await PostRootAsync(http, target);
            if (otherHandler)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("other", await response.Content.ReadAsStringAsync());
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        using (var unknown = await PostRootAsync(http, "AWSEvents.CreateEventBus"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal("UnknownOperationException", unknown.Headers.GetValues("x-amzn-ErrorType").Single());
        }

        await app.StopAsync();
    }
}
