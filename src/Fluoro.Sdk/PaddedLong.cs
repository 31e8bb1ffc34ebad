using System.Runtime.InteropServices;

namespace Fluoro.Sdk;

/// <summary>A counter alone on its cache line (written by one side, read by the other without false sharing).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;

    /// <summary>A second value kept with <see cref="Value"/> by the same writer (e.g. a cached snapshot).</summary>
    [FieldOffset(72)]
    public long Cache;
}
