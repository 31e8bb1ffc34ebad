using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

/// <summary>
/// The AWS CLI's tag and resource-policy commands, as AWS's function URL guide uses them (add-permission for
/// public access) and as tools tag functions.
/// </summary>
public sealed class AwsCliTagsAndPolicyTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:tagged";

    [Fact]
    public async Task Cli_tags_untags_and_lists_tags_of_a_function()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await LambdaTestHost.StartAsync();
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        (await host.CreateAsync("tagged", "provided.al2023", "x", TestFunctions.BashEchoZip())).EnsureSuccessStatusCode();

        var tag = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "tag-resource", "--resource", Arn, "--tags", "team=qa,stage=dev");
        Assert.True(tag.ExitCode == 0, tag.Stderr);
        var untag = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "untag-resource", "--resource", Arn, "--tag-keys", "stage");
        Assert.True(untag.ExitCode == 0, untag.Stderr);

        var list = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "list-tags", "--resource", Arn);
        Assert.True(list.ExitCode == 0, list.Stderr);
        using (var tags = JsonDocument.Parse(list.Stdout))
        {
            Assert.Equal(["team=qa"], tags.RootElement.GetProperty("Tags").EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()));
        }

        var get = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-function", "--function-name", "tagged", "--query", "Tags.team");
        Assert.True(get.ExitCode == 0, get.Stderr);
        Assert.Equal("\"qa\"", get.Stdout.Trim());

        var missing = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "list-tags", "--resource", Arn + "-nope");
        Assert.Equal(254, missing.ExitCode);
        Assert.Contains("(ResourceNotFoundException)", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_adds_reads_and_removes_a_function_url_permission()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await LambdaTestHost.StartAsync();
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        (await host.CreateAsync("tagged", "provided.al2023", "x", TestFunctions.BashEchoZip())).EnsureSuccessStatusCode();

        var none = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-policy", "--function-name", "tagged");
        Assert.Equal(254, none.ExitCode);
        Assert.Contains("(ResourceNotFoundException)", none.Stderr, StringComparison.Ordinal);

        string[] add = ["lambda", "add-permission", "--function-name", "tagged", "--statement-id", "FunctionURLAllowPublicAccess",
            "--action", "lambda:InvokeFunctionUrl", "--principal", "*", "--function-url-auth-type", "NONE"];
        var added = await AwsCli.RunAsync(host.BaseUrl, dir, add);
        Assert.True(added.ExitCode == 0, added.Stderr);
        using (var result = JsonDocument.Parse(added.Stdout))
        using (var statement = JsonDocument.Parse(result.RootElement.GetProperty("Statement").GetString()!))
        {
            Assert.Equal("FunctionURLAllowPublicAccess", statement.RootElement.GetProperty("Sid").GetString());
            Assert.Equal(Arn, statement.RootElement.GetProperty("Resource").GetString());
            Assert.Equal("NONE", statement.RootElement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("lambda:FunctionUrlAuthType").GetString());
        }

        var duplicate = await AwsCli.RunAsync(host.BaseUrl, dir, add);
        Assert.Equal(254, duplicate.ExitCode);
        Assert.Contains("(ResourceConflictException)", duplicate.Stderr, StringComparison.Ordinal);

        var policy = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-policy", "--function-name", "tagged");
        Assert.True(policy.ExitCode == 0, policy.Stderr);
        using (var result = JsonDocument.Parse(policy.Stdout))
        using (var document = JsonDocument.Parse(result.RootElement.GetProperty("Policy").GetString()!))
        {
            Assert.Equal("lambda:InvokeFunctionUrl", Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray()).GetProperty("Action").GetString());
        }

        var removed = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "remove-permission", "--function-name", "tagged", "--statement-id", "FunctionURLAllowPublicAccess");
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        var again = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "remove-permission", "--function-name", "tagged", "--statement-id", "FunctionURLAllowPublicAccess");
        Assert.Equal(254, again.ExitCode);
        Assert.Contains("(ResourceNotFoundException)", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_permission_works_on_a_function_saved_before_policies_existed()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        var data = TestPaths.NewScratchDirectory("fluoro-lambda");
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        await using (var first = await LambdaTestHost.StartAsync(data))
        {
            (await first.CreateAsync("tagged", "provided.al2023", "x", TestFunctions.BashEchoZip())).EnsureSuccessStatusCode();
        }

        // A function file written by an earlier Fluoro has no PolicyStatements member.
        foreach (var file in Directory.GetFiles(Path.Combine(data, "lambda", "functions"), "*.json"))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            node.Remove("PolicyStatements");
            await File.WriteAllTextAsync(file, node.ToJsonString());
        }

        await using var host = await LambdaTestHost.StartAsync(data);
        var added = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "add-permission", "--function-name", "tagged", "--statement-id", "s1",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", "arn:aws:events:us-east-1:000000000000:rule/r");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var policy = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-policy", "--function-name", "tagged");
        Assert.True(policy.ExitCode == 0, policy.Stderr);
        Assert.Contains("events.amazonaws.com", policy.Stdout, StringComparison.Ordinal);
    }
}
