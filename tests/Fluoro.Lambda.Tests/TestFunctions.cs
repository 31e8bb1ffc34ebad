using System.IO.Compression;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

/// <summary>Function packages used by the tests, built as zips in memory.</summary>
internal static class TestFunctions
{
    /// <summary>A bash + curl bootstrap in the style of AWS's custom-runtime tutorial; echoes the event and its trace header.</summary>
    public const string BashEcho = """
        #!/bin/bash
        set -euo pipefail
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        while true; do
          HEADERS="$(mktemp)"
          EVENT_DATA=$(curl -sS -LD "$HEADERS" "$API/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          TRACE=$(grep -Fi Lambda-Runtime-Trace-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2- || true)
          rm -f "$HEADERS"
          echo "handling $REQUEST_ID"
          if echo "$EVENT_DATA" | grep -q '"sleep"'; then sleep "$(echo "$EVENT_DATA" | sed 's/.*"sleep":\([0-9.]*\).*/\1/')"; fi
          if echo "$EVENT_DATA" | grep -q '"crash"'; then echo "crashing"; exit 3; fi
          if echo "$EVENT_DATA" | grep -q '"fail"'; then
            curl -sS -X POST "$API/invocation/$REQUEST_ID/error" -H 'Lambda-Runtime-Function-Error-Type: Function.Failed' \
              -d '{"errorType":"Function.Failed","errorMessage":"asked to fail"}' >/dev/null
            continue
          fi
          curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d "{\"event\":$EVENT_DATA,\"trace\":\"$TRACE\",\"pid\":$$}" >/dev/null
        done
        """;

    public static byte[] Zip(params (string Name, string Content)[] files) => TestZip.FromText(files);

    public static byte[] ZipFiles(string directory, params string[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(Path.Combine(directory, file), file);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] BashEchoZip() => Zip(("bootstrap", BashEcho));

    /// <summary>The dotnet sample, as its build output (the test project references it).</summary>
    public static byte[] DotnetHelloZip() => ZipFiles(AppContext.BaseDirectory, "DotnetHello.dll");

    public static string PeersDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e-peers", "node_modules");
}
