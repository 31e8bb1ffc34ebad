namespace Fluoro.Api.Auth;

/// <summary>
/// Access keys accepted when signatures are checked. File format: one <c>ACCESS_KEY_ID SECRET</c> pair per line;
/// blank lines and lines starting with <c>#</c> are ignored.
/// </summary>
public sealed class AccessKeyStore
{
    private readonly Dictionary<string, string> _secrets;

    /// <summary>Creates a store from pairs of access key id and secret.</summary>
    public AccessKeyStore(IEnumerable<KeyValuePair<string, string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, secret) in keys)
        {
            _secrets[id] = secret;
        }
    }

    /// <summary>Number of keys.</summary>
    public int Count => _secrets.Count;

    /// <summary>Reads a keys file; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static AccessKeyStore Load(string path)
    {
        var keys = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'ACCESS_KEY_ID SECRET'.");
            }

            keys.Add(new KeyValuePair<string, string>(parts[0], parts[1]));
        }

        if (keys.Count == 0)
        {
            throw new FormatException($"{path}: no access keys found.");
        }

        return new AccessKeyStore(keys);
    }

    /// <summary>Looks up the secret of an access key id.</summary>
    public bool TryGetSecret(string accessKeyId, out string secret) => _secrets.TryGetValue(accessKeyId, out secret!);
}
