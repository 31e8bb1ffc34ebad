using Fluoro.Sampling;
using Fluoro.XRay;

namespace Fluoro.Server;

/// <summary>Tags on sampling rules, for TagResource, UntagResource and ListTagsForResource.</summary>
internal sealed class SamplingRuleTagger : IResourceTagger
{
    private readonly SamplingRuleService _rules;

    public SamplingRuleTagger(SamplingRuleService rules) => _rules = rules;

    public bool Owns(string arn) => arn.Contains(":sampling-rule/", StringComparison.Ordinal) && _rules.TryGetRule(arn, out _);

    public IReadOnlyList<XRayTag> ListTags(string arn)
        => [.. _rules.GetTags(arn).Select(static t => new XRayTag { Key = t.Key, Value = t.Value })];

    public async ValueTask TagAsync(string arn, IReadOnlyList<XRayTag> tags, CancellationToken cancellationToken)
    {
        try
        {
            await _rules.TagRuleAsync(arn, [.. tags.Select(static t => new ResourceTag { Key = t.Key, Value = t.Value })], cancellationToken);
        }
        catch (SamplingException e)
        {
            throw new XRayRequestException(e.ErrorType, e.Message);
        }
    }

    public async ValueTask UntagAsync(string arn, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            await _rules.UntagRuleAsync(arn, keys, cancellationToken);
        }
        catch (SamplingException e)
        {
            throw new XRayRequestException(e.ErrorType, e.Message);
        }
    }
}
