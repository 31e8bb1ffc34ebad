using Fluoro.Lambda.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Lambda;

/// <summary>Maps the Lambda API (and EventBridge subset, function URLs) onto the edge port.</summary>
public static class LambdaEndpointRouteBuilderExtensions
{
    /// <summary>Maps every Lambda route.</summary>
    public static IEndpointRouteBuilder MapFluoroLambda(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.ServiceProvider.GetRequiredService<LambdaApi>();

        void Map(string method, string pattern, Func<HttpContext, Task> handler) =>
            endpoints.MapMethods(pattern, [method], (RequestDelegate)(context => api.Guard(context, handler)));

        const string F = "/2015-03-31/functions";
        Map("POST", F, api.CreateFunction);
        Map("GET", F, api.ListFunctions);
        Map("GET", F + "/{name}", api.GetFunction);
        Map("DELETE", F + "/{name}", api.DeleteFunction);
        Map("GET", F + "/{name}/configuration", api.GetFunctionConfiguration);
        Map("PUT", F + "/{name}/configuration", api.UpdateFunctionConfiguration);
        Map("PUT", F + "/{name}/code", api.UpdateFunctionCode);
        Map("POST", F + "/{name}/invocations", api.Invoke);
        Map("POST", F + "/{name}/versions", api.PublishVersion);
        Map("GET", F + "/{name}/versions", api.ListVersions);
        Map("POST", F + "/{name}/aliases", api.CreateAlias);
        Map("GET", F + "/{name}/aliases", api.ListAliases);
        Map("GET", F + "/{name}/aliases/{alias}", api.GetAlias);
        Map("PUT", F + "/{name}/aliases/{alias}", api.UpdateAlias);
        Map("DELETE", F + "/{name}/aliases/{alias}", api.DeleteAlias);
        Map("PUT", "/2017-10-31/functions/{name}/concurrency", api.PutConcurrency);
        Map("DELETE", "/2017-10-31/functions/{name}/concurrency", api.DeleteConcurrency);
        Map("GET", "/2019-09-30/functions/{name}/concurrency", api.GetConcurrency);
        Map("GET", "/2016-08-19/account-settings", api.GetAccountSettings);
        Map("POST", F + "/{name}/policy", api.AddPermission);
        Map("GET", F + "/{name}/policy", api.GetPolicy);
        Map("DELETE", F + "/{name}/policy/{sid}", api.RemovePermission);
        Map("POST", "/2017-03-31/tags/{name}", api.TagResource);
        Map("GET", "/2017-03-31/tags/{name}", api.ListTags);
        Map("DELETE", "/2017-03-31/tags/{name}", api.UntagResource);
        Map("POST", "/2021-10-31/functions/{name}/url", api.CreateFunctionUrl);
        Map("GET", "/2021-10-31/functions/{name}/url", api.GetFunctionUrl);
        Map("PUT", "/2021-10-31/functions/{name}/url", api.UpdateFunctionUrl);
        Map("DELETE", "/2021-10-31/functions/{name}/url", api.DeleteFunctionUrl);
        Map("GET", "/2021-10-31/functions/{name}/urls", api.ListFunctionUrls);
        Map("POST", "/2014-11-13/functions/{name}/invoke-async", api.InvokeAsyncLegacy);
        Map("GET", "/2021-07-20/functions/{name}/runtime-management-config", api.GetRuntimeManagementConfig);
        endpoints.Map(LambdaApi.UrlPrefix + "{urlId}/{**path}", (RequestDelegate)(context => api.Guard(context, api.ServeFunctionUrl)));
        var rules = endpoints.ServiceProvider.GetRequiredService<Events.EventRules>();
        Events.EventBridgeEndpoint.Map(endpoints, context => api.Guard(context, rules.HandleAsync));
        Map("GET", "/_fluoro/lambda/functions/{name}/logs", api.GetLogs);
        Map("GET", "/_fluoro/lambda/functions/{name}/code", api.GetFunctionCode);
        return endpoints;
    }
}
