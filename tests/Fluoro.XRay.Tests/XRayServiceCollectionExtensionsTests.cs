using Fluoro.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.XRay.Tests;

public sealed class XRayServiceCollectionExtensionsTests
{
    /// <summary>The smallest IServiceCollection: a list of descriptors (the concrete container package is not referenced here).</summary>
    private sealed class DescriptorList : List<ServiceDescriptor>, IServiceCollection;

    /// <summary>Resolves singletons from descriptors: instances, factories, or types with one public constructor.</summary>
    private sealed class TinyProvider(IServiceCollection services) : IServiceProvider
    {
        private readonly Dictionary<Type, object?> _resolved = [];

        public object? GetService(Type serviceType)
        {
            if (_resolved.TryGetValue(serviceType, out var done))
            {
                return done;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
            object? instance = descriptor switch
            {
                null => null,
                { ImplementationInstance: { } i } => i,
                { ImplementationFactory: { } f } => f(this),
                { ImplementationType: { } t } => Create(t),
                _ => null,
            };
            _resolved[serviceType] = instance;
            return instance;
        }

        private object Create(Type type)
        {
            var ctor = type.GetConstructors().Single();
            var args = ctor.GetParameters().Select(p => GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException($"No {p.ParameterType}"))).ToArray();
            return ctor.Invoke(args);
        }
    }

    [Fact]
    public async Task Registers_ingest_queries_counters_clock_and_filters_over_the_store()
    {
        var services = new DescriptorList();
        var store = new InMemoryTraceStore();
        services.AddSingleton<ITraceStore>(store);
        services.AddFluoroXRay();
        var provider = new TinyProvider(services);

        Assert.Same(TimeProvider.System, provider.GetService(typeof(TimeProvider)));
        var ingest = Assert.IsType<SegmentIngestService>(provider.GetService(typeof(ISegmentIngest)));
        var queries = Assert.IsType<TraceQueryService>(provider.GetService(typeof(ITraceQueries)));
        Assert.IsType<FilterExpressionCompiler>(provider.GetService(typeof(ITraceFilterCompiler)));
        var counters = Assert.IsType<IngestCounters>(provider.GetService(typeof(IngestCounters)));

        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var traceId = $"1-{now:x8}-ab52431b496add878434aa25";
        await ingest.IngestAsync([Docs.Utf8(Docs.Segment(traceId, "6226467e3f845502", "svc", now, now + 1))]);
        Assert.Equal(1, counters.Accepted);
        var found = await queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = now - 1, EndTime = now + 1, FilterExpression = "service(\"svc\")" });
        Assert.Equal([traceId], found.TraceSummaries.Select(s => s.Id));
    }

    [Fact]
    public void Keeps_a_clock_registered_before_it()
    {
        var services = new DescriptorList();
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        services.AddSingleton<TimeProvider>(clock);
        services.AddFluoroXRay();
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }
}
