using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluoro.Daemon.Tests;

public sealed class UdpSegmentReceiverTests
{
    [Fact]
    public void A_receiver_that_never_started_can_be_disposed()
    {
        // The daemon disposes an unstarted receiver when its free UDP port turns out to be taken on TCP.
        var counters = new DaemonCounters();
        var receiver = new UdpSegmentReceiver(
            new IPEndPoint(IPAddress.Loopback, 0), new DaemonOptions(), new SegmentQueue(1024 * 1024, 100, counters), counters, NullLogger.Instance);

        receiver.Dispose();
    }

    [Fact]
    public void A_started_receiver_stops_and_disposes()
    {
        var counters = new DaemonCounters();
        var receiver = new UdpSegmentReceiver(
            new IPEndPoint(IPAddress.Loopback, 0), new DaemonOptions(), new SegmentQueue(1024 * 1024, 100, counters), counters, NullLogger.Instance);
        receiver.Start();

        receiver.Dispose();
    }
}
