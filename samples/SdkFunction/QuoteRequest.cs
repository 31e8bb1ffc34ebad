namespace SdkFunction;

/// <summary>The event: who asks, and the URL the function fetches its quote from.</summary>
public sealed record QuoteRequest(string? Customer, string? QuoteUrl);
