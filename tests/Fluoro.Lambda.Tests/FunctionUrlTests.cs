using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

public sealed class FunctionUrlTests
{
    private const string Root = "1-5759e988-bd862e3fe1be46a994272793";

    [Fact]
    public async Task Function_url_maps_http_to_a_v2_event_and_back_and_honours_the_trace_header()
    {
        await using var host = await LambdaTestHost.StartAsync();
        const string Code = """
            export const handler = async (event) => ({
              statusCode: 201,
              headers: { 'x-test': 'yes', 'content-type': 'application/json' },
              body: JSON.stringify({ path: event.rawPath, q: event.queryStringParameters, method: event.requestContext.http.method,
                                     body: event.body, version: event.version, trace: event.headers['x-amzn-trace-id'] }),
            });
            export const plain = async () => ({ hello: 'world' });
            """;
        await host.CreateAsync("web", "nodejs22.x", "index.handler", TestFunctions.Zip(("index.mjs", Code)));
        using var create = await host.Http.PostAsync("/2021-10-31/functions/web/url", new StringContent("""{"AuthType":"NONE"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var functionUrl = new Uri(created.RootElement.GetProperty("FunctionUrl").GetString()!);

        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + functionUrl.AbsolutePath.TrimStart('/') + "orders/42?expand=1")
        {
            Content = new StringContent("""{"qty":2}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", $"Root={Root};Sampled=1");
        using var response = await host.Http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-test").Single());
        Assert.StartsWith($"Root={Root}", response.Headers.GetValues("X-Amzn-Trace-Id").Single(), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/orders/42", body.RootElement.GetProperty("path").GetString());
        Assert.Equal("1", body.RootElement.GetProperty("q").GetProperty("expand").GetString());
        Assert.Equal("POST", body.RootElement.GetProperty("method").GetString());
        Assert.Equal("""{"qty":2}""", body.RootElement.GetProperty("body").GetString());
        Assert.Equal("2.0", body.RootElement.GetProperty("version").GetString());
        Assert.StartsWith($"Root={Root}", body.RootElement.GetProperty("trace").GetString(), StringComparison.Ordinal);
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        Assert.Contains(docs, d => d.GetProperty("origin").GetString() == "AWS::Lambda"
            && d.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32() == 201);

        using var get = await host.Http.GetAsync("/2021-10-31/functions/web/url");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var delete = await host.Http.DeleteAsync("/2021-10-31/functions/web/url");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await host.Http.GetAsync(functionUrl.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
