namespace Fluoro.Api.Operations;

/// <summary>Every X-Ray operation path; those without an implementation answer with a clear modeled error.</summary>
internal static class XRayOperationCatalog
{
    public static IReadOnlyList<XRayOperation> All { get; } = Build();

    private static List<XRayOperation> Build()
    {
        XRayOperation[] implemented =
        [
            new BatchGetTracesOperation(),
            new CancelTraceRetrievalOperation(),
            new CreateGroupOperation(),
            new DeleteGroupOperation(),
            new DeleteResourcePolicyOperation(),
            new GetEncryptionConfigOperation(),
            new GetGroupOperation(),
            new GetGroupsOperation(),
            new GetIndexingRulesOperation(),
            new InsightByIdOperation("GetInsightEvents", "/InsightEvents"),
            new InsightByIdOperation("GetInsightImpactGraph", "/InsightImpactGraph"),
            new InsightByIdOperation("GetInsight", "/Insight"),
            new GetInsightSummariesOperation(),
            new GetRetrievedTracesGraphOperation(),
            new GetSamplingRulesOperation(),
            new GetSamplingTargetsOperation(),
            new GetServiceGraphOperation(),
            new GetTimeSeriesServiceStatisticsOperation(),
            new GetTraceGraphOperation(),
            new GetTraceSegmentDestinationOperation(),
            new GetTraceSummariesOperation(),
            new ListTagsForResourceOperation(),
            new ListResourcePoliciesOperation(),
            new ListRetrievedTracesOperation(),
            new PutEncryptionConfigOperation(),
            new PutResourcePolicyOperation(),
            new PutTelemetryRecordsOperation(),
            new PutTraceSegmentsOperation(),
            new StartTraceRetrievalOperation(),
            new TagResourceOperation(),
            new UntagResourceOperation(),
            new UpdateGroupOperation(),
            new UpdateIndexingRuleOperation(),
            new UpdateTraceSegmentDestinationOperation(),
        ];

        // The rest of the 2016-04-12 model, by path (§3 of the spec). Paths are irregular, so route by exact path.
        (string Name, string Path)[] modeled =
        [
            ("CreateSamplingRule", "/CreateSamplingRule"),
            ("DeleteSamplingRule", "/DeleteSamplingRule"),
            ("GetSamplingStatisticSummaries", "/SamplingStatisticSummaries"),
            ("UpdateSamplingRule", "/UpdateSamplingRule"),
        ];

        var all = new List<XRayOperation>(implemented);
        foreach (var (name, path) in modeled)
        {
            if (!all.Any(o => o.Path == path))
            {
                all.Add(new UnsupportedOperation(name, path));
            }
        }

        return all;
    }
}
