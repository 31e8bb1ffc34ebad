namespace Fluoro.Sampling.Tests;

/// <summary>A rule size, a number of clients, and where in the minute they report.</summary>
public sealed record FleetCase(int ReservoirSize, int Clients, int SecondsIntoMinute);
