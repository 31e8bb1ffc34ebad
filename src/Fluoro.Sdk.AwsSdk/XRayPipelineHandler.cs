using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Fluoro.Sdk.AwsSdk;

/// <summary>
/// Wraps one AWS call in a client Activity tagged with the <c>aws-api</c> conventions Fluoro's writer maps to an
/// <c>aws</c> subsegment: service, operation, region, request id, and the table, queue or bucket the request names.
/// Failures mark the subsegment (4xx error, 429/throttling throttle, 5xx fault) and are rethrown untouched.
/// </summary>
internal sealed class XRayPipelineHandler : PipelineHandler
{
    private static readonly ActivitySource Source = new(AwsSdkTracing.ActivitySourceName);

    public override void InvokeSync(IExecutionContext executionContext)
    {
        using var activity = Start(executionContext);
        try
        {
            base.InvokeSync(executionContext);
            Finish(activity, executionContext, null);
        }
        catch (Exception e)
        {
            Finish(activity, executionContext, e);
            throw;
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        using var activity = Start(executionContext);
        try
        {
            var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            Finish(activity, executionContext, null);
            return result;
        }
        catch (Exception e)
        {
            Finish(activity, executionContext, e);
            throw;
        }
    }

    private static Activity? Start(IExecutionContext context)
    {
        // Without a current segment there is nothing to attach to; the tracer then creates nothing (context missing).
        if (Activity.Current is null || !Source.HasListeners())
        {
            return null;
        }

        var request = context.RequestContext;
        var service = request.ServiceMetaData?.ServiceId ?? ServiceFromClient(request.ClientConfig);
        var operation = Operation(request.RequestName);
        var activity = Source.StartActivity(service, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("rpc.system", "aws-api");
        activity.SetTag("rpc.service", service);
        activity.SetTag("rpc.method", operation);
        if (Region(request.ClientConfig) is { } region)
        {
            activity.SetTag("cloud.region", region);
        }

        if (request.OriginalRequest is { } original)
        {
            AddResourceNames(activity, original);
        }

        return activity;
    }

    private static void Finish(Activity? activity, IExecutionContext context, Exception? exception)
    {
        if (activity is null)
        {
            return;
        }

        try
        {
            var response = context.ResponseContext;
            if (response?.Response?.ResponseMetadata?.RequestId is { Length: > 0 } requestId)
            {
                activity.SetTag("aws.request_id", requestId);
            }

            if (response?.HttpResponse is { } http)
            {
                activity.SetTag("http.response.status_code", (int)http.StatusCode);
            }

            if (exception is AmazonServiceException service)
            {
                if (service.RequestId is { Length: > 0 } failedId)
                {
                    activity.SetTag("aws.request_id", failedId);
                }

                var status = (int)service.StatusCode;
                if (status > 0)
                {
                    activity.SetTag("http.response.status_code", status);
                }

                if (status == 429 || service.ErrorCode is "ThrottlingException" or "Throttling" or "ProvisionedThroughputExceededException" or "RequestLimitExceeded" or "TooManyRequestsException")
                {
                    XRay.MarkThrottle();
                }
                else if (status is >= 400 and < 500)
                {
                    XRay.MarkError();
                }
            }

            if (exception is not null && (exception is not AmazonServiceException { StatusCode: < (System.Net.HttpStatusCode)500 and > 0 }))
            {
                XRay.AddException(exception);
            }
        }
#pragma warning disable CA1031 // Recording must never change the outcome of the application's AWS call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Debug.WriteLine(e);
        }
    }

    private static string Operation(string? requestName)
    {
        if (string.IsNullOrEmpty(requestName))
        {
            return "Unknown";
        }

        return requestName.EndsWith("Request", StringComparison.Ordinal) ? requestName[..^"Request".Length] : requestName;
    }

    private static string ServiceFromClient(IClientConfig? config)
        => config?.AuthenticationServiceName is { Length: > 0 } name ? name : "AWS";

    private static string? Region(IClientConfig? config)
    {
        if (config is null)
        {
            return null;
        }

        if (config.RegionEndpoint?.SystemName is { Length: > 0 } region)
        {
            return region;
        }

        return config.AuthenticationRegion is { Length: > 0 } authRegion ? authRegion : null;
    }

    // Request types live in each service's package; reading the few well-known names by property keeps this package
    // free of them. If trimming removed a property, that name is simply not recorded.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Best effort: a trimmed property only omits one resource name.")]
    private static void AddResourceNames(Activity activity, AmazonWebServiceRequest request)
    {
        var type = request.GetType();
        if (type.GetProperty("TableName")?.GetValue(request) is string { Length: > 0 } table)
        {
            activity.SetTag("aws.table_name", table);
        }

        if (type.GetProperty("QueueUrl")?.GetValue(request) is string { Length: > 0 } queue)
        {
            activity.SetTag("aws.queue_url", queue);
        }

        if (type.GetProperty("BucketName")?.GetValue(request) is string { Length: > 0 } bucket)
        {
            activity.SetTag("aws.s3.bucket", bucket);
        }
    }
}
