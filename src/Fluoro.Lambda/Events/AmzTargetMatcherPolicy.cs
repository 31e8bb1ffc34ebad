using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Fluoro.Lambda.Events;

/// <summary>
/// Drops endpoints carrying <see cref="AmzTargetPrefix"/> from the candidates when the request's
/// <c>X-Amz-Target</c> does not start with that prefix, so <c>POST /</c> stays free for other handlers (and
/// for a 404) instead of being claimed by whichever awsJson service mapped it first.
/// </summary>
internal sealed class AmzTargetMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<AmzTargetPrefix>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var target = httpContext.Request.Headers["X-Amz-Target"].ToString();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i)
                && candidates[i].Endpoint.Metadata.GetMetadata<AmzTargetPrefix>() is { } prefix
                && !target.StartsWith(prefix.Value, StringComparison.Ordinal))
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
