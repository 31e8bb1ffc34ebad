using System.Globalization;
using System.Net;

namespace Fluoro.Cli;

/// <summary>Parses <c>host:port</c> options: <c>127.0.0.1:4566</c>, <c>localhost:2000</c>, <c>[::1]:2000</c>, <c>:2000</c>, <c>2000</c>.</summary>
internal static class EndpointParser
{
    public static bool TryParse(string? text, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an address is required (host:port).";
            return false;
        }

        text = text.Trim();
        string host;
        string portText;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            host = "127.0.0.1";
            portText = text;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"'{text}' is not host:port.";
                return false;
            }

            host = text[..colon].Trim('[', ']');
            portText = text[(colon + 1)..];
            if (host.Length == 0)
            {
                host = "127.0.0.1";
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{portText}' is not a port number.";
            return false;
        }

        IPAddress address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address!))
        {
            error = $"'{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or localhost).";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
