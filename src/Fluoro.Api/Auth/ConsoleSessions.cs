using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Api.Auth;

/// <summary>
/// Browser sign-in for the console when SigV4 is required. A random token, shown once at start-up, buys a session
/// cookie (HttpOnly, SameSite=Strict). A request counts as signed in only when it carries that cookie AND the
/// <see cref="HeaderName"/> header, which the console sends on every call and which a cross-site form or a
/// cross-origin script without a CORS grant cannot send. The cookie is stateless: its expiry and an HMAC under a key
/// made at start-up, so restarting the server ends every session.
/// </summary>
public sealed class ConsoleSessions
{
    /// <summary>The header every console API call carries.</summary>
    public const string HeaderName = "X-Fluoro-Console";

    private const string CookiePrefix = "fluoro_console_";
    private const int MinimumTokenLength = 16;

    private readonly byte[] _token;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;

    /// <summary>Creates the sessions of one edge port.</summary>
    /// <param name="token">The browser token; see <see cref="NewToken"/>.</param>
    /// <param name="port">The edge port; cookies are per host, not per port, so the port is part of the cookie name.</param>
    /// <param name="time">Clock for session expiry.</param>
    public ConsoleSessions(string token, int port, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        if (!IsAcceptableToken(token))
        {
            throw new ArgumentException($"A console token needs at least {MinimumTokenLength} characters from [A-Za-z0-9_-].", nameof(token));
        }

        Token = token;
        _token = Encoding.UTF8.GetBytes(token);
        CookieName = CookiePrefix + port.ToString(CultureInfo.InvariantCulture);
        _time = time;
    }

    /// <summary>The browser token (goes in <c>/login?t=</c>).</summary>
    public string Token { get; }

    /// <summary>Name of the session cookie.</summary>
    public string CookieName { get; }

    /// <summary>How long a session lasts after sign-in.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A new random token: 128 bits, hex.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="token"/> is long enough and URL-safe.</summary>
    public static bool IsAcceptableToken(string? token) =>
        token is { Length: >= MinimumTokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Compares a presented token with the real one in constant time.</summary>
    public bool IsValidToken(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    /// <summary>Sets the session cookie on <paramref name="response"/>.</summary>
    public void SignIn(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var expires = _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Cookies.Append(CookieName, expires + "." + Sign(expires), CookieOptions(response.HttpContext.Request));
    }

    /// <summary>Removes the session cookie.</summary>
    public void SignOut(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(CookieName, CookieOptions(response.HttpContext.Request));
    }

    /// <summary>Whether the request carries a valid, unexpired session cookie (the header is not checked).</summary>
    public bool HasSession(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(value[..dot]));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value[(dot + 1)..]), expected);
    }

    /// <summary>A console API call: a valid session cookie and the console header.</summary>
    public bool IsAuthenticated(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(HeaderName, out var header) && header.Count == 1 && header[0] == "1" && HasSession(request);
    }

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = request.IsHttps,
        IsEssential = true,
    };

    private string Sign(string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes("fluoro-console-session:" + expires)));
}
