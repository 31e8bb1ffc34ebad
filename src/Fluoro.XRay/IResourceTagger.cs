namespace Fluoro.XRay;

/// <summary>
/// Tags of one kind of X-Ray resource (groups, sampling rules). TagResource, UntagResource and ListTagsForResource
/// ask each registered tagger whether it owns an ARN; an ARN nobody owns is a <c>ResourceNotFoundException</c>.
/// </summary>
public interface IResourceTagger
{
    /// <summary>True when <paramref name="arn"/> names an existing resource of this kind.</summary>
    bool Owns(string arn);

    /// <summary>The resource's tags.</summary>
    IReadOnlyList<XRayTag> ListTags(string arn);

    /// <summary>Adds or overwrites tags.</summary>
    ValueTask TagAsync(string arn, IReadOnlyList<XRayTag> tags, CancellationToken cancellationToken);

    /// <summary>Removes tags by key.</summary>
    ValueTask UntagAsync(string arn, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
