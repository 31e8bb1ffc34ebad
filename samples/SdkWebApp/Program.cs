using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fluoro.Sdk;
using Fluoro.Sdk.AspNetCore;

// GET /quote/{customer} invokes the "sdk-function" Lambda function (FUNCTION_NAME) through Fluoro's Lambda Invoke
// API (FLUORO_ENDPOINT, default http://127.0.0.1:4566). The invoke call is an instrumented HttpClient call, so it
// carries X-Amzn-Trace-Id and Lambda's segments and the function's subsegments join this request's trace.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddFluoroTracing(o => o.ServiceName = "sdk-web-app");
builder.Services.AddHttpClient("lambda", client =>
{
    client.BaseAddress = new Uri(Environment.GetEnvironmentVariable("FLUORO_ENDPOINT") ?? "http://127.0.0.1:4566");
    client.Timeout = TimeSpan.FromSeconds(30);
});
var app = builder.Build();
app.UseFluoroTracing();

var functionName = Environment.GetEnvironmentVariable("FUNCTION_NAME") ?? "sdk-function";
var quoteUrl = Environment.GetEnvironmentVariable("QUOTE_URL") ?? "https://example.com/";

app.MapGet("/quote/{customer}", async (string customer, IHttpClientFactory clients, CancellationToken cancellationToken) =>
{
    XRay.AddAnnotation("customer", customer);
    var payload = $"{{\"Customer\":\"{JsonEncodedText.Encode(customer)}\",\"QuoteUrl\":\"{JsonEncodedText.Encode(quoteUrl)}\"}}";
    using var content = new StringContent(payload, Encoding.UTF8);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await clients.CreateClient("lambda")
        .PostAsync($"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations", content, cancellationToken);
    var body = await response.Content.ReadAsStringAsync(cancellationToken);
    if (response.Headers.TryGetValues("X-Amz-Function-Error", out _))
    {
        XRay.MarkFault();
        return Results.Content(body, "application/json", statusCode: 502);
    }

    return Results.Content(body, "application/json", statusCode: (int)response.StatusCode);
});

app.Run();
