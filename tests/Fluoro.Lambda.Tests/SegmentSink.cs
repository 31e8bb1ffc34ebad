using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Fluoro.Lambda.Tests;

/// <summary>A stand-in X-Ray daemon: receives UDP datagrams and keeps the parsed documents.</summary>
internal sealed class SegmentSink : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<JsonElement> _documents = [];
    private readonly CancellationTokenSource _stop = new();

    public SegmentSink() => _ = ReceiveAsync();

    public IPEndPoint Endpoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public IReadOnlyList<JsonElement> Documents
    {
        get
        {
            lock (_documents)
            {
                return [.. _documents];
            }
        }
    }

    public IReadOnlyList<JsonElement> ForTrace(string traceId) =>
        [.. Documents.Where(d => d.TryGetProperty("trace_id", out var t) && t.GetString() == traceId)];

    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var docs = Documents;
            if (done(docs))
            {
                return docs;
            }

            await Task.Delay(25);
        }

        return Documents;
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var result = await _udp.ReceiveAsync(_stop.Token);
                var text = Encoding.UTF8.GetString(result.Buffer);
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                Assert.Equal("{\"format\":\"json\",\"version\":1}", text[..newline]);
                var doc = JsonDocument.Parse(text[(newline + 1)..]).RootElement.Clone();
                lock (_documents)
                {
                    _documents.Add(doc);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
    }
}
