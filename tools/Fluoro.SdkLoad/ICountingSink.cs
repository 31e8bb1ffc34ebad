using System.Net;

namespace Fluoro.SdkLoad;

/// <summary>A loopback UDP receiver that counts datagrams: in this process, or another one on another core.</summary>
internal interface ICountingSink : IDisposable
{
    IPEndPoint EndPoint { get; }

    /// <summary>Waits until <paramref name="expected"/> datagrams arrived or arrivals stopped for 500 ms.</summary>
    SinkReport WaitForQuiet(long expected, long startTimestamp);
}
