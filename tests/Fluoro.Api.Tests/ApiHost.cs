using System.Net;
using Fluoro.Api.Auth;
using Fluoro.XRay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Api.Tests;

/// <summary>The API endpoints on a real Kestrel socket (127.0.0.1:0) with fake domain services behind them.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<ApiHost> StartAsync(ISegmentIngest ingest, ITraceQueries queries, AccessKeyStore? keys = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(ingest);
        builder.Services.AddSingleton(queries);
        builder.Services.AddFluoroXRayApi();
        var app = builder.Build();
        app.UseAwsRequestIds();
        if (keys is not null)
        {
            app.UseMiddleware<SigV4AuthenticationMiddleware>(new SigV4AuthenticationOptions(keys)
            {
                IsExempt = request => request.Path.StartsWithSegments("/_fluoro"),
            });
        }

        app.MapGet("/_fluoro/ping", () => "pong");
        app.MapFluoroXRayApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
