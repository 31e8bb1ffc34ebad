namespace Fluoro.Api.Auth;

/// <summary>The answer of <c>GET /_fluoro/console-session</c>.</summary>
/// <param name="AuthRequired">Whether the server checks signatures (started with --auth-keys).</param>
/// <param name="Authenticated">Whether this browser holds a valid console session (always true without --auth-keys).</param>
public sealed record ConsoleSessionState(bool AuthRequired, bool Authenticated);
