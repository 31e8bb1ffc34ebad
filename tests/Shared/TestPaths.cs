namespace Fluoro.Testing;

/// <summary>Locates the repository and scratch directories from a running test.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string NewScratchDirectory(string prefix = "fluoro-test")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluoro.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Fluoro.slnx not found above " + AppContext.BaseDirectory);
    }
}
