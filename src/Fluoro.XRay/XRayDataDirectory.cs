namespace Fluoro.XRay;

/// <summary>Where the X-Ray control plane keeps its files (groups, account settings).</summary>
/// <param name="Path">An existing or creatable directory.</param>
public sealed record XRayDataDirectory(string Path);
