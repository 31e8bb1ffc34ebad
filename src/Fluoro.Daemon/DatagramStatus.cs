namespace Fluoro.Daemon;

/// <summary>Outcome of reading one daemon datagram.</summary>
internal enum DatagramStatus
{
    Valid,
    MissingHeader,
    InvalidHeader,
    EmptyBody,
    TooLarge,
}
