using Fluoro.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace Fluoro.Api.Tests;

public sealed class ConsoleSessionsTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void OnlyTheExactToken_IsValid()
    {
        var sessions = new ConsoleSessions(Token, 4566, _time);

        Assert.True(sessions.IsValidToken(Token));
        Assert.False(sessions.IsValidToken(Token[..^1]));
        Assert.False(sessions.IsValidToken(Token + "0"));
        Assert.False(sessions.IsValidToken(Token.ToUpperInvariant()));
        Assert.False(sessions.IsValidToken(""));
        Assert.False(sessions.IsValidToken(null));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdef 0123")]
    [InlineData("0123456789abcdef<script>")]
    public void UnsafeOrShortTokens_AreRefused(string token)
    {
        Assert.False(ConsoleSessions.IsAcceptableToken(token));
        Assert.Throws<ArgumentException>(() => new ConsoleSessions(token, 4566, _time));
    }

    [Fact]
    public void NewTokens_AreAcceptableAndDifferent()
    {
        var a = ConsoleSessions.NewToken();
        var b = ConsoleSessions.NewToken();

        Assert.True(ConsoleSessions.IsAcceptableToken(a));
        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void SignIn_SetsAnHttpOnlyStrictCookie_NamedAfterThePort()
    {
        var sessions = new ConsoleSessions(Token, 4599, _time);
        var context = new DefaultHttpContext();

        sessions.SignIn(context.Response);

        var header = Assert.Single(context.Response.Headers.SetCookie.ToArray());
        var cookie = SetCookieHeaderValue.Parse(header);
        Assert.Equal("fluoro_console_4599", cookie.Name.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path.ToString());
    }

    [Fact]
    public void TheCookie_AuthenticatesOnlyWithTheConsoleHeader()
    {
        var sessions = new ConsoleSessions(Token, 4566, _time);
        var cookie = IssueCookie(sessions);

        Assert.True(sessions.HasSession(Request(cookie)));
        Assert.True(sessions.IsAuthenticated(Request(cookie, header: "1")));
        Assert.False(sessions.IsAuthenticated(Request(cookie)));
        Assert.False(sessions.IsAuthenticated(Request(cookie, header: "true")));
        Assert.False(sessions.IsAuthenticated(Request(null, header: "1")));
    }

    [Fact]
    public void TheCookie_ExpiresAfterTheLifetime()
    {
        var sessions = new ConsoleSessions(Token, 4566, _time) { Lifetime = TimeSpan.FromHours(1) };
        var cookie = IssueCookie(sessions);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(sessions.IsAuthenticated(Request(cookie, header: "1")));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(sessions.IsAuthenticated(Request(cookie, header: "1")));
    }

    [Fact]
    public void ATamperedCookie_OrOneFromAnotherServer_IsRefused()
    {
        var sessions = new ConsoleSessions(Token, 4566, _time);
        var cookie = IssueCookie(sessions);
        var dot = cookie.IndexOf('.', StringComparison.Ordinal);

        // A later expiry with the old signature.
        var extended = (long.Parse(cookie[..dot], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture) + cookie[dot..];
        Assert.False(sessions.HasSession(Request(extended)));
        Assert.False(sessions.HasSession(Request(cookie[..^1] + (cookie[^1] == '0' ? '1' : '0'))));
        Assert.False(sessions.HasSession(Request("garbage")));
        Assert.False(sessions.HasSession(Request(".")));

        // Same token, new process: a new signing key, so old cookies end with a restart.
        var restarted = new ConsoleSessions(Token, 4566, _time);
        Assert.False(restarted.HasSession(Request(cookie)));
    }

    private static string IssueCookie(ConsoleSessions sessions)
    {
        var context = new DefaultHttpContext();
        sessions.SignIn(context.Response);
        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        return cookie.Value.ToString();
    }

    private static HttpRequest Request(string? cookie, string? header = null)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = "fluoro_console_4566=" + cookie;
        }

        if (header is not null)
        {
            context.Request.Headers[ConsoleSessions.HeaderName] = header;
        }

        return context.Request;
    }
}
