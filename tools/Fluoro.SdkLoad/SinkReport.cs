namespace Fluoro.SdkLoad;

/// <summary>
/// What a sink saw: datagrams received, time from the sender's start to the last arrival, and the CPU time its
/// receiving thread spent (NaN where unknown).
/// </summary>
internal readonly record struct SinkReport(long Received, TimeSpan Elapsed, double ReceiveCpuNanoseconds);
