using System.Security.Cryptography;
using System.Text.Json;

namespace Fluoro.Lambda.Storage;

/// <summary>
/// Functions and their code, kept in memory and mirrored to the data directory: one JSON file per
/// function and one zip per distinct code hash, so code shared by versions is stored once.
/// </summary>
internal sealed class FunctionStore
{
    private readonly Dictionary<string, FunctionEntry> _functions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly string _functionsDir;
    private readonly string _codeDir;

    public FunctionStore(LambdaOptions options)
    {
        var root = string.IsNullOrEmpty(options.DataDirectory)
            ? Path.Combine(Path.GetTempPath(), "fluoro-lambda-" + Environment.ProcessId)
            : options.DataDirectory;
        RootDirectory = Path.Combine(root, "lambda");
        _functionsDir = Path.Combine(RootDirectory, "functions");
        _codeDir = Path.Combine(RootDirectory, "code");
        Directory.CreateDirectory(_functionsDir);
        Directory.CreateDirectory(_codeDir);
        Load();
    }

    public string RootDirectory { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _functions.Count;
            }
        }
    }

    public FunctionEntry? Get(string name)
    {
        lock (_lock)
        {
            return _functions.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<FunctionEntry> List()
    {
        lock (_lock)
        {
            return [.. _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds a new function; false when the name is taken.</summary>
    public bool TryAdd(FunctionEntry entry)
    {
        lock (_lock)
        {
            if (!_functions.TryAdd(entry.Name, entry))
            {
                return false;
            }

            Save(entry);
            return true;
        }
    }

    /// <summary>Runs <paramref name="mutate"/> under the store lock and persists the result.</summary>
    public T Update<T>(FunctionEntry entry, Func<FunctionEntry, T> mutate)
    {
        lock (_lock)
        {
            var result = mutate(entry);
            Save(entry);
            return result;
        }
    }

    public bool Remove(string name)
    {
        lock (_lock)
        {
            if (!_functions.Remove(name))
            {
                return false;
            }

            File.Delete(Path.Combine(_functionsDir, name + ".json"));
            return true;
        }
    }

    /// <summary>Stores a zip and returns its base64 SHA-256 (Lambda's CodeSha256 form).</summary>
    public string SaveCode(ReadOnlySpan<byte> zip)
    {
        var hash = SHA256.HashData(zip);
        var path = CodePath(hash);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, zip.ToArray());
            File.Move(temp, path, overwrite: true);
        }

        return Convert.ToBase64String(hash);
    }

    public string CodePathFor(string codeSha256) => CodePath(Convert.FromBase64String(codeSha256));

    private string CodePath(byte[] hash) => Path.Combine(_codeDir, Convert.ToHexStringLower(hash) + ".zip");

    private void Save(FunctionEntry entry)
    {
        var path = Path.Combine(_functionsDir, entry.Name + ".json");
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(entry, LambdaStoreJsonContext.Default.FunctionEntry));
        File.Move(temp, path, overwrite: true);
    }

    private void Load()
    {
        foreach (var file in Directory.EnumerateFiles(_functionsDir, "*.json"))
        {
            try
            {
                var entry = JsonSerializer.Deserialize(File.ReadAllBytes(file), LambdaStoreJsonContext.Default.FunctionEntry);
                if (entry is not null)
                {
                    _functions[entry.Name] = entry;
                }
            }
            catch (JsonException)
            {
                // A torn or hand-edited file must not stop the server; the function is just not loaded.
                LoadFailures++;
            }
        }
    }

    public int LoadFailures { get; private set; }
}
