using Fluoro.Lambda.RuntimeSupport;
using Fluoro.Sdk;

namespace SdkFunction;

/// <summary>
/// Handler <c>SdkFunction::SdkFunction.Function::Handler</c>: one subsegment with an annotation and metadata around
/// an outgoing HTTP call, nested under Lambda's <c>Invocation</c> subsegment of the caller's trace.
/// </summary>
public sealed class Function
{
    // Started once per execution environment; in Lambda it detects LAMBDA_TASK_ROOT and sends subsegments only.
    private static readonly FluoroTracer Tracer = FluoroTracing.Start(new FluoroTracingOptions { ServiceName = "sdk-function" });
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Fetches a quote for the customer.</summary>
    public async Task<QuoteResponse> Handler(QuoteRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var customer = request.Customer ?? "anonymous";
        QuoteResponse response;
        using (var subsegment = XRay.BeginSubsegment("fetch-quote"))
        {
            subsegment.AddAnnotation("customer", customer)
                      .AddMetadata("request_id", context.AwsRequestId, "quotes");
            try
            {
                // HttpClient's own Activity nests under the subsegment: a remote subsegment named after the host.
                using var answer = await Http.GetAsync(new Uri(request.QuoteUrl ?? "http://127.0.0.1:9/"));
                var body = await answer.Content.ReadAsStringAsync();
                subsegment.AddMetadata("quote_length", body.Length, "quotes");
                response = new QuoteResponse(customer, (int)answer.StatusCode, body, XRay.CurrentTraceId);
            }
            catch (HttpRequestException e)
            {
                subsegment.AddException(e);
                response = new QuoteResponse(customer, 0, e.Message, XRay.CurrentTraceId);
            }
        }

        // The environment may be frozen as soon as the handler returns: send what was recorded first.
        await Tracer.FlushAsync(TimeSpan.FromSeconds(1));
        return response;
    }
}
