namespace Fluoro.Console.Tests;

/// <summary>One API call the fake received, so a test can assert what the page sent.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers);
