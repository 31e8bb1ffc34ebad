using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

public sealed class ProvidedRuntimeTests
{
    [Fact]
    public async Task Bash_bootstrap_echoes_the_event_and_is_reused_warm()
    {
        await using var host = await LambdaTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await host.CreateAsync("echo", "provided.al2023", "unused", TestFunctions.BashEchoZip())).StatusCode);

        using var first = await host.InvokeAsync("echo", """{"n":1}""").DefaultTimeout();
        await Task.Delay(1000);
        using var second = await host.InvokeAsync("echo", """{"n":2}""").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(1, a.RootElement.GetProperty("event").GetProperty("n").GetInt32());
        Assert.Equal(2, b.RootElement.GetProperty("event").GetProperty("n").GetInt32());
        Assert.Equal(a.RootElement.GetProperty("pid").GetInt32(), b.RootElement.GetProperty("pid").GetInt32());
        Assert.Equal("$LATEST", first.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.False(first.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Tail_returns_the_last_4KB_of_the_log_with_start_end_report()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("tail", "provided.al2023", "unused", TestFunctions.BashEchoZip());

        using var response = await host.InvokeAsync("tail", "{}", tail: true).DefaultTimeout();

        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.Contains($"START RequestId: {requestId} Version: $LATEST", log, StringComparison.Ordinal);
        Assert.Contains($"handling {requestId}", log, StringComparison.Ordinal);
        Assert.Contains($"END RequestId: {requestId}", log, StringComparison.Ordinal);
        Assert.Contains("Init Duration:", log, StringComparison.Ordinal);
        Assert.Matches(@"REPORT RequestId: [0-9a-f-]+\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB", log);
    }

    [Fact]
    public async Task Function_error_is_200_with_X_Amz_Function_Error_and_the_runtime_body()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("fails", "provided.al2023", "unused", TestFunctions.BashEchoZip());

        using var response = await host.InvokeAsync("fails", """{"fail":true}""").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("""{"errorType":"Function.Failed","errorMessage":"asked to fail"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Timeout_kills_the_instance_and_reports_task_timed_out()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("slow", "provided.al2023", "unused", TestFunctions.BashEchoZip(), timeout: 1);

        using var response = await host.InvokeAsync("slow", """{"sleep":5}""").DefaultTimeout();
        using var after = await host.InvokeAsync("slow", """{"n":1}""").DefaultTimeout();

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Sandbox.Timedout", body.RootElement.GetProperty("errorType").GetString());
        Assert.Matches(@"Task timed out after 1\.\d\d seconds", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(after.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Crash_fails_only_its_own_invocation()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("crashy", "provided.al2023", "unused", TestFunctions.BashEchoZip());

        using var crashed = await host.InvokeAsync("crashy", """{"crash":true}""").DefaultTimeout();
        using var next = await host.InvokeAsync("crashy", """{"n":1}""").DefaultTimeout();

        Assert.Equal("Unhandled", crashed.Headers.GetValues("X-Amz-Function-Error").Single());
        using var body = JsonDocument.Parse(await crashed.Content.ReadAsStringAsync());
        Assert.Equal("Runtime.ExitError", body.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("exit status 3", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.False(next.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Missing_bootstrap_is_an_init_error_with_invalid_entrypoint()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("nobootstrap", "provided.al2023", "unused", TestFunctions.Zip(("readme.txt", "no bootstrap here")));

        using var response = await host.InvokeAsync("nobootstrap", "{}").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Runtime.InvalidEntrypoint", body.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Bootstrap_that_exits_during_init_reports_exit_error()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("exits", "provided.al2023", "unused", TestFunctions.Zip(("bootstrap", "#!/bin/sh\necho bye\nexit 7\n")));

        using var response = await host.InvokeAsync("exits", "{}", tail: true).DefaultTimeout();

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Runtime.ExitError", body.RootElement.GetProperty("errorType").GetString());
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.Contains("bye", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_invokes_run_on_separate_instances_in_parallel()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("parallel", "provided.al2023", "unused", TestFunctions.BashEchoZip());
        using var warm = await host.InvokeAsync("parallel", "{}").DefaultTimeout();

        var started = DateTime.UtcNow;
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.InvokeAsync("parallel", """{"sleep":1}"""))).DefaultTimeout();
        var elapsed = DateTime.UtcNow - started;

        var pids = new HashSet<int>();
        foreach (var response in responses)
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            pids.Add(doc.RootElement.GetProperty("pid").GetInt32());
            response.Dispose();
        }

        Assert.Equal(4, pids.Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(3.9), $"4 parallel 1 s invokes took {elapsed}");
    }

    [Fact]
    public async Task Reserved_concurrency_throttles_with_429()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("one", "provided.al2023", "unused", TestFunctions.BashEchoZip());
        using var put = await host.Http.PutAsync("/2017-10-31/functions/one/concurrency", new StringContent("""{"ReservedConcurrentExecutions":1}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var slow = host.InvokeAsync("one", """{"sleep":1.5}""");
        await Task.Delay(700);
        using var throttled = await host.InvokeAsync("one", "{}").DefaultTimeout();
        using var slowResponse = await slow.DefaultTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
    }

    [Fact]
    public async Task Output_flood_is_bounded_and_the_invocation_still_answers()
    {
        await using var host = await LambdaTestHost.StartAsync(configure: o => o.MaxLogBytesPerInvocation = 64 * 1024);
        const string Flood = """
            #!/bin/bash
            API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
            while true; do
              HEADERS="$(mktemp)"
              curl -sS -LD "$HEADERS" "$API/invocation/next" >/dev/null
              REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
              head -c 5000000 /dev/zero | tr '\0' 'x'
              echo
              curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d '"done"' >/dev/null
            done
            """;
        await host.CreateAsync("flood", "provided.al2023", "unused", TestFunctions.Zip(("bootstrap", Flood)));

        using var response = await host.InvokeAsync("flood", "{}", tail: true).DefaultTimeout();

        Assert.Equal("\"done\"", await response.Content.ReadAsStringAsync());
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.True(log.Length <= 4096);
        Assert.Contains("REPORT RequestId", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_and_code_survive_a_restart()
    {
        var data = TestPaths.NewScratchDirectory("fluoro-lambda-persist");
        await using (var host = await LambdaTestHost.StartAsync(data))
        {
            await host.CreateAsync("kept", "provided.al2023", "unused", TestFunctions.BashEchoZip());
        }

        await using var again = await LambdaTestHost.StartAsync(data);
        using var response = await again.InvokeAsync("kept", """{"n":5}""").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"n\":5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
