using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Fluoro.Console;

/// <summary>The console's files, read from the assembly's embedded resources.</summary>
internal sealed class ConsoleAssets
{
    private const string ResourcePrefix = "fluoro-console/";

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> assets) => _assets = assets;

    /// <summary>Assets shared by every endpoint builder; the files never change at run time.</summary>
    public static ConsoleAssets Shared { get; } = Load(typeof(ConsoleAssets).Assembly);

    public int Count => _assets.Count;

    public bool TryGet(string path, out ConsoleAsset asset) => _assets.TryGetValue(path, out asset!);

    internal static ConsoleAssets Load(Assembly assembly)
    {
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // RecursiveDir may carry a Windows separator when the package is built there.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded console file {name} cannot be opened.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            assets[path] = new ConsoleAsset(path, content, ContentTypeOf(path), etag);
        }

        return new ConsoleAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string ContentTypeOf(string path) => System.IO.Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
