using Fluoro.Sampling;
using Fluoro.Testing;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class FileRepositoryTests : IDisposable
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-sampling");
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RulesSurviveARestart()
    {
        var path = Path.Combine(_directory, "data", "sampling-rules.json");
        var first = await SamplingRuleService.CreateAsync(new FileSamplingRuleRepository(path), _time);
        await first.CreateSamplingRuleAsync(Create(Custom("kept", priority: 42), new ResourceTag { Key = "k", Value = "v" }));
        await first.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest { SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "Default", FixedRate = 0.2 } });
        _time.Advance(TimeSpan.FromSeconds(3));
        await first.CreateSamplingRuleAsync(Create(Custom("dropped")));
        await first.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "dropped" });

        var second = await SamplingRuleService.CreateAsync(new FileSamplingRuleRepository(path), _time);
        Assert.Equal(["kept", "Default"], second.Rules.Select(r => r.SamplingRule.RuleName!));
        Assert.Equal(0.2, second.Rules[1].SamplingRule.FixedRate);
        Assert.Equal(42, second.Rules[0].SamplingRule.Priority);
        Assert.Equal("v", Assert.Single(second.GetTags("kept")).Value);
        Assert.Equal(first.LastRuleModification, second.LastRuleModification);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), second.LastRuleModification);

        // Only the state file is left behind: temporary files are renamed or removed.
        Assert.Equal(["sampling-rules.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AMissingFileStartsWithDefault()
    {
        var repository = new FileSamplingRuleRepository(Path.Combine(_directory, "none.json"));
        Assert.Null(await repository.LoadAsync());
        var service = await SamplingRuleService.CreateAsync(repository, _time);
        Assert.Equal("Default", Assert.Single(service.Rules).SamplingRule.RuleName);
    }

    [Fact]
    public async Task ACorruptFileIsReportedNotReplaced()
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, "{ not json");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => SamplingRuleService.CreateAsync(new FileSamplingRuleRepository(path), _time));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task AFailedSaveLeavesTheRulesUnchanged()
    {
        var service = await SamplingRuleService.CreateAsync(new FailingRepository(), _time);
        await Assert.ThrowsAsync<IOException>(() => service.CreateSamplingRuleAsync(Create(Custom("never"))));
        Assert.Single(service.Rules);
    }

    private sealed class FailingRepository : ISamplingRuleRepository
    {
        public ValueTask<SamplingRuleState?> LoadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<SamplingRuleState?>(null);

        public ValueTask SaveAsync(SamplingRuleState state, CancellationToken cancellationToken = default) => throw new IOException("disk full");
    }
}
