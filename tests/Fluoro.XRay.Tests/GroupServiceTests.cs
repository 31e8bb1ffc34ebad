using Fluoro.FilterExpressions;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class GroupServiceTests : IDisposable
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-groups");

    private GroupService Open() => new(new GroupServiceOptions { FilePath = Path.Combine(_directory, "groups.json"), Region = "eu-west-1", AccountId = "123456789012" });

    [Fact]
    public void Groups_are_created_listed_updated_and_deleted_and_survive_a_reopen()
    {
        var groups = Open();
        var created = groups.Create(new CreateGroupRequest { GroupName = "slow", FilterExpression = "responsetime > 5" });
        Assert.StartsWith("arn:aws:xray:eu-west-1:123456789012:group/slow/", created.GroupARN);
        Assert.Equal("responsetime > 5", created.FilterExpression);

        var reopened = Open();
        Assert.Equal(["slow"], reopened.GetAll().Select(g => g.GroupName));
        Assert.Equal(created.GroupARN, reopened.Get(new GroupReferenceRequest { GroupName = "slow" }).GroupARN);

        var updated = reopened.Update(new UpdateGroupRequest { GroupARN = created.GroupARN, FilterExpression = "fault" });
        Assert.Equal("fault", updated.FilterExpression);
        Assert.True(reopened.TryResolve(GroupReferenceKind.Name, "slow", out var filter));
        Assert.NotNull(filter);

        reopened.Delete(new GroupReferenceRequest { GroupName = "slow" });
        Assert.Empty(Open().GetAll());
    }

    [Theory]
    [InlineData("", "fault")]
    [InlineData("this-name-is-far-too-long-for-a-group", "fault")]
    [InlineData("bad name", "fault")]
    [InlineData("ok", "responsetime >")]
    [InlineData("Default", "fault")]
    public void Invalid_groups_are_refused(string name, string filter)
        => Assert.Throws<XRayRequestException>(() => Open().Create(new CreateGroupRequest { GroupName = name, FilterExpression = filter }));

    [Fact]
    public void Duplicates_unknown_groups_and_the_default_group_are_refused()
    {
        var groups = Open();
        groups.Create(new CreateGroupRequest { GroupName = "a", FilterExpression = "ok" });
        Assert.Throws<XRayRequestException>(() => groups.Create(new CreateGroupRequest { GroupName = "a" }));
        Assert.Throws<XRayRequestException>(() => groups.Get(new GroupReferenceRequest { GroupName = "missing" }));
        Assert.Throws<XRayRequestException>(() => groups.Delete(new GroupReferenceRequest { GroupName = "Default" }));
        Assert.Throws<XRayRequestException>(() => groups.Update(new UpdateGroupRequest { GroupName = "Default", FilterExpression = "ok" }));
        Assert.Equal("Default", groups.Get(new GroupReferenceRequest { GroupName = "Default" }).GroupName);
    }

    [Fact]
    public void At_most_25_groups_exist_besides_Default()
    {
        var groups = Open();
        for (var i = 0; i < 25; i++)
        {
            groups.Create(new CreateGroupRequest { GroupName = $"g{i}" });
        }

        Assert.Throws<XRayRequestException>(() => groups.Create(new CreateGroupRequest { GroupName = "one-more" }));
    }

    [Fact]
    public void Group_tags_are_added_overwritten_and_removed()
    {
        var groups = Open();
        var arn = groups.Create(new CreateGroupRequest { GroupName = "t", Tags = [new XRayTag { Key = "team", Value = "a" }] }).GroupARN!;
        groups.Tag(arn, [new XRayTag { Key = "team", Value = "b" }, new XRayTag { Key = "env", Value = "dev" }]);
        Assert.Equal(["env=dev", "team=b"], groups.ListTags(arn).Select(t => $"{t.Key}={t.Value}").Order());
        groups.Untag(arn, ["team"]);
        Assert.Equal(["env"], groups.ListTags(arn).Select(t => t.Key));
        var missing = Assert.Throws<XRayRequestException>(() => groups.ListTags("arn:aws:xray:eu-west-1:123456789012:group/none/x"));
        Assert.Equal(404, missing.StatusCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
