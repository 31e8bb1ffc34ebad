using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Fluoro.Sdk.Tests;

/// <summary>A stand-in daemon: a real UDP socket on loopback that keeps every datagram.</summary>
internal sealed class UdpSink : IDisposable
{
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));

    public UdpSink() => _client.Client.ReceiveBufferSize = 8 * 1024 * 1024;

    public IPEndPoint EndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    public DaemonAddress Address => new(EndPoint, EndPoint);

    /// <summary>Receives datagrams until <paramref name="count"/> arrived or nothing came for <paramref name="quiet"/>.</summary>
    public async Task<List<byte[]>> ReceiveAsync(int count, TimeSpan? quiet = null)
    {
        var result = new List<byte[]>();
        var idle = quiet ?? TimeSpan.FromSeconds(2);
        while (result.Count < count)
        {
            using var cts = new CancellationTokenSource(idle);
            try
            {
                var received = await _client.ReceiveAsync(cts.Token);
                result.Add(received.Buffer);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return result;
    }

    public static JsonElement Document(byte[] datagram)
    {
        var newline = Array.IndexOf(datagram, (byte)'\n');
        Assert.True(newline > 0, "datagram has no header line");
        using var header = JsonDocument.Parse(datagram.AsMemory(0, newline));
        Assert.Equal("json", header.RootElement.GetProperty("format").GetString());
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        return JsonDocument.Parse(Encoding.UTF8.GetString(datagram, newline + 1, datagram.Length - newline - 1)).RootElement.Clone();
    }

    public void Dispose() => _client.Dispose();
}
