using System.Text;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

/// <summary>The real AWS CLI v2 against the Lambda API: lifecycle, waiters, invoke, errors.</summary>
public sealed class AwsCliTests
{
    [Fact]
    public async Task Cli_creates_gets_lists_invokes_updates_and_deletes_a_function()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await LambdaTestHost.StartAsync();
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        await File.WriteAllBytesAsync(Path.Combine(dir, "fn.zip"), TestFunctions.BashEchoZip());

        var create = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "create-function", "--function-name", "cli-fn",
            "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/r", "--handler", "x",
            "--zip-file", "fileb://fn.zip", "--environment", "Variables={STAGE=dev}");
        Assert.True(create.ExitCode == 0, create.Stderr);
        using (var created = JsonDocument.Parse(create.Stdout))
        {
            Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:cli-fn", created.RootElement.GetProperty("FunctionArn").GetString());
            Assert.Equal("PassThrough", created.RootElement.GetProperty("TracingConfig").GetProperty("Mode").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", created.RootElement.GetProperty("LastModified").GetString());
        }

        var wait = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "wait", "function-active-v2", "--function-name", "cli-fn");
        Assert.True(wait.ExitCode == 0, wait.Stderr);

        var invoke = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "invoke", "--function-name", "cli-fn",
            "--cli-binary-format", "raw-in-base64-out", "--payload", """{"hello":"cli"}""", "--log-type", "Tail", "out.json");
        Assert.True(invoke.ExitCode == 0, invoke.Stderr);
        using (var result = JsonDocument.Parse(invoke.Stdout))
        {
            Assert.Equal(200, result.RootElement.GetProperty("StatusCode").GetInt32());
            Assert.Equal("$LATEST", result.RootElement.GetProperty("ExecutedVersion").GetString());
            var log = Encoding.UTF8.GetString(Convert.FromBase64String(result.RootElement.GetProperty("LogResult").GetString()!));
            Assert.Contains("START RequestId:", log, StringComparison.Ordinal);
        }

        Assert.Contains("\"hello\":\"cli\"", await File.ReadAllTextAsync(Path.Combine(dir, "out.json")), StringComparison.Ordinal);

        var update = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "update-function-configuration", "--function-name", "cli-fn",
            "--tracing-config", "Mode=Active", "--timeout", "7");
        Assert.True(update.ExitCode == 0, update.Stderr);
        var updated = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "wait", "function-updated-v2", "--function-name", "cli-fn");
        Assert.True(updated.ExitCode == 0, updated.Stderr);

        var get = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-function", "--function-name", "cli-fn");
        Assert.True(get.ExitCode == 0, get.Stderr);
        using (var got = JsonDocument.Parse(get.Stdout))
        {
            var configuration = got.RootElement.GetProperty("Configuration");
            Assert.Equal("Active", configuration.GetProperty("TracingConfig").GetProperty("Mode").GetString());
            Assert.Equal(7, configuration.GetProperty("Timeout").GetInt32());
            Assert.Equal("dev", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("STAGE").GetString());
        }

        var list = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "list-functions");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("cli-fn", list.Stdout, StringComparison.Ordinal);

        var delete = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "delete-function", "--function-name", "cli-fn");
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        var gone = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "get-function", "--function-name", "cli-fn");
        Assert.Equal(254, gone.ExitCode);
        Assert.Contains("(ResourceNotFoundException)", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_paginates_list_functions_and_resolves_arn_and_alias_qualifiers()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await LambdaTestHost.StartAsync();
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        for (var i = 0; i < 5; i++)
        {
            await host.CreateAsync($"page-{i}", "provided.al2023", "x", TestFunctions.BashEchoZip());
        }

        var list = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "list-functions", "--page-size", "2");
        Assert.True(list.ExitCode == 0, list.Stderr);
        using (var doc = JsonDocument.Parse(list.Stdout))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("Functions").GetArrayLength());
        }

        var publish = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "publish-version", "--function-name", "page-0");
        Assert.True(publish.ExitCode == 0, publish.Stderr);
        var alias = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "create-alias", "--function-name", "page-0", "--name", "live", "--function-version", "1");
        Assert.True(alias.ExitCode == 0, alias.Stderr);

        var invoke = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "invoke",
            "--function-name", "arn:aws:lambda:us-east-1:000000000000:function:page-0:live", "out.json");
        Assert.True(invoke.ExitCode == 0, invoke.Stderr);
        using var result = JsonDocument.Parse(invoke.Stdout);
        Assert.Equal("1", result.RootElement.GetProperty("ExecutedVersion").GetString());

        // A version an alias points at cannot be deleted; once the alias is gone it can.
        var referenced = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "delete-function", "--function-name", "page-0", "--qualifier", "1");
        Assert.NotEqual(0, referenced.ExitCode);
        Assert.Contains("ResourceConflictException", referenced.Stderr, StringComparison.Ordinal);
        var deleteAlias = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "delete-alias", "--function-name", "page-0", "--name", "live");
        Assert.True(deleteAlias.ExitCode == 0, deleteAlias.Stderr);
        var deleteVersion = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "delete-function", "--function-name", "page-0", "--qualifier", "1");
        Assert.True(deleteVersion.ExitCode == 0, deleteVersion.Stderr);
    }

    [Fact]
    public async Task Cli_reports_unknown_function_and_invalid_configuration()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await LambdaTestHost.StartAsync();
        var dir = TestPaths.NewScratchDirectory("fluoro-cli");
        await File.WriteAllBytesAsync(Path.Combine(dir, "fn.zip"), TestFunctions.BashEchoZip());

        var missing = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "invoke", "--function-name", "nope", "out.json");
        Assert.Equal(254, missing.ExitCode);
        Assert.Contains("An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope", missing.Stderr, StringComparison.Ordinal);

        var invalid = await AwsCli.RunAsync(host.BaseUrl, dir, "lambda", "create-function", "--function-name", "bad",
            "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/r", "--handler", "x",
            "--zip-file", "fileb://fn.zip", "--environment", "Variables={AWS_REGION=eu-west-1}");
        Assert.Equal(254, invalid.ExitCode);
        Assert.Contains("(InvalidParameterValueException)", invalid.Stderr, StringComparison.Ordinal);
    }
}
