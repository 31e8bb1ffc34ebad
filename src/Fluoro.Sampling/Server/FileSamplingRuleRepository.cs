using System.Text.Json;

namespace Fluoro.Sampling;

/// <summary>
/// Keeps the state in one JSON file. Saves write a sibling temporary file, flush it to disk and rename it over the
/// old one, so a crash leaves either the old or the new state, never a torn file.
/// </summary>
public sealed class FileSamplingRuleRepository : ISamplingRuleRepository
{
    private readonly string _path;

    public FileSamplingRuleRepository(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
    }

    public string FilePath => _path;

    /// <exception cref="InvalidDataException">The file exists but is not a readable rule state.</exception>
    public async ValueTask<SamplingRuleState?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        try
        {
            var state = await JsonSerializer.DeserializeAsync(stream, SamplingJsonContext.Default.SamplingRuleState, cancellationToken);
            return state ?? throw new InvalidDataException($"Sampling rule file '{_path}' is empty.");
        }
        catch (JsonException ex)
        {
            // Refusing to start beats silently replacing the user's rules with defaults.
            throw new InvalidDataException($"Sampling rule file '{_path}' is not valid: {ex.Message}", ex);
        }
    }

    public async ValueTask SaveAsync(SamplingRuleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, state, SamplingJsonContext.Default.SamplingRuleState, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
