using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Fluoro.Sdk;

/// <summary>
/// Where the X-Ray daemon listens: UDP for segment documents, TCP for sampling calls. Parsed from
/// <c>AWS_XRAY_DAEMON_ADDRESS</c>, which is either <c>host:port</c> (both on one port) or
/// <c>tcp:host:port udp:host:port</c> in either order.
/// </summary>
public sealed record DaemonAddress(EndPoint Udp, EndPoint Tcp)
{
    /// <summary>The environment variable the SDKs read.</summary>
    public const string EnvironmentVariable = "AWS_XRAY_DAEMON_ADDRESS";

    /// <summary>127.0.0.1:2000 for both.</summary>
    public static DaemonAddress Default { get; } = new(new IPEndPoint(IPAddress.Loopback, 2000), new IPEndPoint(IPAddress.Loopback, 2000));

    /// <summary>Reads <see cref="EnvironmentVariable"/>, falling back to <see cref="Default"/> when unset or invalid.</summary>
    public static DaemonAddress FromEnvironment()
        => TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), out var address) ? address : Default;

    /// <summary>Parses either accepted form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out DaemonAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
        {
            // A lone "tcp:…" or "udp:…" is an error in every X-Ray SDK: the two-part form needs both halves.
            if (parts[0].StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) || parts[0].StartsWith("udp:", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (!TryParseEndPoint(parts[0], out var both))
            {
                return false;
            }

            address = new DaemonAddress(both, both);
            return true;
        }

        if (parts.Length != 2)
        {
            return false;
        }

        EndPoint? udp = null, tcp = null;
        foreach (var part in parts)
        {
            if (part.StartsWith("udp:", StringComparison.OrdinalIgnoreCase) && TryParseEndPoint(part[4..], out var u))
            {
                udp = u;
            }
            else if (part.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) && TryParseEndPoint(part[4..], out var t))
            {
                tcp = t;
            }
        }

        // Like the other SDKs, both halves are required in the two-part form.
        if (udp is null || tcp is null)
        {
            return false;
        }

        address = new DaemonAddress(udp, tcp);
        return true;
    }

    private static bool TryParseEndPoint(string text, [NotNullWhen(true)] out EndPoint? endPoint)
    {
        endPoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        endPoint = IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        return true;
    }
}
