namespace SdkFunction;

/// <summary>The result: the quote (the fetched body, or an error text) and the trace it was recorded in.</summary>
public sealed record QuoteResponse(string Customer, int Status, string Quote, string? TraceId);
