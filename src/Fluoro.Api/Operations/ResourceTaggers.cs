using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary>Finds the tagger (groups, sampling rules) that owns an ARN.</summary>
internal static class ResourceTaggers
{
    public static IResourceTagger Find(IServiceProvider services, string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw new XRayRequestException("ResourceARN is required.");
        }

        foreach (var tagger in services.GetServices<IResourceTagger>())
        {
            if (tagger.Owns(arn))
            {
                return tagger;
            }
        }

        throw new XRayRequestException(XRayRequestException.ResourceNotFound, $"Resource not found: {arn}.");
    }
}
