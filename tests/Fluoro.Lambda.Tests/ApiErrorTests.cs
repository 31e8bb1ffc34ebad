using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

public sealed class ApiErrorTests
{
    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status >= 500 ? "Service" : "User", body.RootElement.GetProperty("Type").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("Message").GetString()));
    }

    [Fact]
    public async Task Unknown_function_is_404_resource_not_found()
    {
        await using var host = await LambdaTestHost.StartAsync();

        using var response = await host.InvokeAsync("missing", "{}");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Payload_over_6MB_is_413()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("big", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var response = await host.InvokeAsync("big", "\"" + new string('a', (6 * 1024 * 1024) + 200) + "\"");

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "RequestTooLargeException");
    }

    [Fact]
    public async Task Payload_that_is_not_json_is_400_invalid_request_content()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("json", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var response = await host.InvokeAsync("json", "{not json");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequestContentException");
    }

    [Theory]
    [InlineData("\"Timeout\":0")]
    [InlineData("\"MemorySize\":64")]
    [InlineData("\"TracingConfig\":{\"Mode\":\"Sometimes\"}")]
    [InlineData("\"Runtime\":\"cobol1\"")]
    public async Task Invalid_configuration_is_400_invalid_parameter_value(string member)
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("cfg", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var response = await host.Http.PutAsync("/2015-03-31/functions/cfg/configuration", new StringContent("{" + member + "}", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task Duplicate_and_bad_zip_are_rejected()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("dup", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var duplicate = await host.CreateAsync("dup", "provided.al2023", "x", TestFunctions.BashEchoZip());
        using var badZip = await host.CreateAsync("badzip", "provided.al2023", "x", Encoding.UTF8.GetBytes("not a zip"));

        await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "ResourceConflictException");
        await AssertErrorAsync(badZip, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task Stale_revision_id_is_412()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("rev", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var response = await host.Http.PutAsync("/2015-03-31/functions/rev/configuration",
            new StringContent("""{"Timeout":5,"RevisionId":"stale"}""", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, HttpStatusCode.PreconditionFailed, "PreconditionFailedException");
    }

    [Fact]
    public async Task Updating_a_published_version_is_refused_and_leaves_latest_alone()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("pinned", "provided.al2023", "x", TestFunctions.BashEchoZip());
        using var published = await host.Http.PostAsync("/2015-03-31/functions/pinned/versions", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        using var config = await host.Http.PutAsync("/2015-03-31/functions/pinned:1/configuration",
            new StringContent("""{"TracingConfig":{"Mode":"Active"}}""", Encoding.UTF8, "application/json"));
        using var code = await host.Http.PutAsync("/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pinned:1/code",
            new StringContent("""{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}""", Encoding.UTF8, "application/json"));
        using var latest = await host.Http.PutAsync("/2015-03-31/functions/pinned:$LATEST/configuration",
            new StringContent("""{"Timeout":7}""", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(config, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        await AssertErrorAsync(code, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        using var current = JsonDocument.Parse(await host.Http.GetStringAsync("/2015-03-31/functions/pinned/configuration"));
        Assert.Equal("PassThrough", current.RootElement.GetProperty("TracingConfig").GetProperty("Mode").GetString());
        Assert.Equal(7, current.RootElement.GetProperty("Timeout").GetInt32());
    }

    [Fact]
    public async Task DryRun_is_204_and_runs_nothing()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("dry", "provided.al2023", "x", TestFunctions.BashEchoZip());

        using var response = await host.InvokeAsync("dry", "{}", invocationType: "DryRun").DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
