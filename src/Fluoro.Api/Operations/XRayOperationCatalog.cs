namespace Fluoro.Api.Operations;

/// <summary>Every X-Ray operation path; those without an implementation answer with a clear modeled error.</summary>
internal static class XRayOperationCatalog
{
    public static IReadOnlyList<XRayOperation> All { get; } = Build();

    private static List<XRayOperation> Build()
    {
        XRayOperation[] implemented =
        [
            new PutTraceSegmentsOperation(),
            new BatchGetTracesOperation(),
            new GetTraceSummariesOperation(),
            new GetSamplingRulesOperation(),
            new GetSamplingTargetsOperation(),
        ];

        // The rest of the 2016-04-12 model, by path (§3 of the spec). Paths are irregular, so route by exact path.
        (string Name, string Path)[] modeled =
        [
            ("CancelTraceRetrieval", "/CancelTraceRetrieval"),
            ("CreateGroup", "/CreateGroup"),
            ("CreateSamplingRule", "/CreateSamplingRule"),
            ("DeleteGroup", "/DeleteGroup"),
            ("DeleteResourcePolicy", "/DeleteResourcePolicy"),
            ("DeleteSamplingRule", "/DeleteSamplingRule"),
            ("GetEncryptionConfig", "/EncryptionConfig"),
            ("GetGroup", "/GetGroup"),
            ("GetGroups", "/Groups"),
            ("GetIndexingRules", "/GetIndexingRules"),
            ("GetInsight", "/Insight"),
            ("GetInsightEvents", "/InsightEvents"),
            ("GetInsightImpactGraph", "/InsightImpactGraph"),
            ("GetInsightSummaries", "/InsightSummaries"),
            ("GetRetrievedTracesGraph", "/GetRetrievedTracesGraph"),
            ("GetSamplingStatisticSummaries", "/SamplingStatisticSummaries"),
            ("GetServiceGraph", "/ServiceGraph"),
            ("GetTimeSeriesServiceStatistics", "/TimeSeriesServiceStatistics"),
            ("GetTraceGraph", "/TraceGraph"),
            ("GetTraceSegmentDestination", "/GetTraceSegmentDestination"),
            ("ListResourcePolicies", "/ListResourcePolicies"),
            ("ListRetrievedTraces", "/ListRetrievedTraces"),
            ("ListTagsForResource", "/ListTagsForResource"),
            ("PutEncryptionConfig", "/PutEncryptionConfig"),
            ("PutResourcePolicy", "/PutResourcePolicy"),
            ("PutTelemetryRecords", "/TelemetryRecords"),
            ("StartTraceRetrieval", "/StartTraceRetrieval"),
            ("TagResource", "/TagResource"),
            ("UntagResource", "/UntagResource"),
            ("UpdateGroup", "/UpdateGroup"),
            ("UpdateIndexingRule", "/UpdateIndexingRule"),
            ("UpdateSamplingRule", "/UpdateSamplingRule"),
            ("UpdateTraceSegmentDestination", "/UpdateTraceSegmentDestination"),
        ];

        var all = new List<XRayOperation>(implemented);
        foreach (var (name, path) in modeled)
        {
            all.Add(new UnsupportedOperation(name, path));
        }

        return all;
    }
}
