using System.Security.Cryptography;
using System.Text.Json;
using Fluoro.FilterExpressions;

namespace Fluoro.XRay;

/// <summary>
/// X-Ray groups: named filter expressions that scope the service graph, trace summaries (<c>group.name</c>) and
/// time series. Every change is written to the groups file (atomically) before the call returns. The Default group
/// always exists, matches every trace, and can be neither changed nor deleted.
/// </summary>
public sealed class GroupService : IGroupFilterResolver, IResourceTagger
{
    /// <summary>The always-present group.</summary>
    public const string DefaultGroupName = "Default";

    private const int MaxTagsPerResource = 50;

    private readonly GroupServiceOptions _options;
    private readonly Lock _gate = new();
    private readonly List<StoredGroup> _groups;

    /// <summary>Opens the groups, reading the groups file when there is one.</summary>
    public GroupService(GroupServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _groups = Load(options.FilePath);
    }

    private string DefaultArn => $"arn:aws:xray:{_options.Region}:{_options.AccountId}:group/{DefaultGroupName}";

    /// <summary>CreateGroup.</summary>
    public XRayGroup Create(CreateGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ValidateName(request.GroupName);
        ValidateFilter(request.FilterExpression);
        ValidateTags(request.Tags);
        lock (_gate)
        {
            if (name == DefaultGroupName || _groups.Exists(g => g.Name == name))
            {
                throw new XRayRequestException($"Group {name} already exists.");
            }

            if (_groups.Count >= _options.MaxGroups)
            {
                throw new XRayRequestException($"You have reached the maximum number of groups ({_options.MaxGroups}).");
            }

            var group = new StoredGroup
            {
                Name = name,
                Arn = $"arn:aws:xray:{_options.Region}:{_options.AccountId}:group/{name}/{NewGroupId()}",
                FilterExpression = string.IsNullOrEmpty(request.FilterExpression) ? null : request.FilterExpression,
                Insights = request.InsightsConfiguration ?? new InsightsConfiguration { InsightsEnabled = false, NotificationsEnabled = false },
                Tags = [.. request.Tags ?? []],
            };
            _groups.Add(group);
            Save();
            return ToGroup(group);
        }
    }

    /// <summary>GetGroup.</summary>
    public XRayGroup Get(GroupReferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (IsDefault(request.GroupName, request.GroupARN))
            {
                return DefaultGroup();
            }

            return ToGroup(Find(request.GroupName, request.GroupARN));
        }
    }

    /// <summary>GetGroups: the groups created by users, by name (the implicit Default group is not listed).</summary>
    public IReadOnlyList<XRayGroup> GetAll()
    {
        lock (_gate)
        {
            return [.. _groups.OrderBy(static g => g.Name, StringComparer.Ordinal).Select(ToGroup)];
        }
    }

    /// <summary>UpdateGroup: changes the filter and/or insights settings.</summary>
    public XRayGroup Update(UpdateGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FilterExpression is not null)
        {
            ValidateFilter(request.FilterExpression);
        }

        lock (_gate)
        {
            if (IsDefault(request.GroupName, request.GroupARN))
            {
                throw new XRayRequestException("The Default group cannot be updated.");
            }

            var existing = Find(request.GroupName, request.GroupARN);
            var updated = existing with
            {
                FilterExpression = request.FilterExpression is null ? existing.FilterExpression
                    : request.FilterExpression.Length == 0 ? null : request.FilterExpression,
                Insights = request.InsightsConfiguration ?? existing.Insights,
            };
            _groups[_groups.IndexOf(existing)] = updated;
            Save();
            return ToGroup(updated);
        }
    }

    /// <summary>DeleteGroup.</summary>
    public void Delete(GroupReferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (IsDefault(request.GroupName, request.GroupARN))
            {
                throw new XRayRequestException("The Default group cannot be deleted.");
            }

            _groups.Remove(Find(request.GroupName, request.GroupARN));
            Save();
        }
    }

    /// <summary>True when <paramref name="arn"/> names one of the groups.</summary>
    public bool Owns(string arn)
    {
        lock (_gate)
        {
            return _groups.Exists(g => g.Arn == arn);
        }
    }

    /// <summary>A group's tags.</summary>
    public IReadOnlyList<XRayTag> ListTags(string arn)
    {
        lock (_gate)
        {
            return [.. FindByArn(arn).Tags];
        }
    }

    /// <summary>Adds or overwrites tags on a group.</summary>
    public void Tag(string arn, IReadOnlyList<XRayTag> tags)
    {
        ValidateTags(tags);
        lock (_gate)
        {
            var group = FindByArn(arn);
            var merged = group.Tags.Where(t => !tags.Any(n => n.Key == t.Key)).Concat(tags).ToList();
            if (merged.Count > MaxTagsPerResource)
            {
                throw new XRayRequestException($"A resource can have at most {MaxTagsPerResource} tags.");
            }

            _groups[_groups.IndexOf(group)] = group with { Tags = merged };
            Save();
        }
    }

    /// <summary>Removes tags from a group.</summary>
    public void Untag(string arn, IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            var group = FindByArn(arn);
            _groups[_groups.IndexOf(group)] = group with { Tags = group.Tags.Where(t => !keys.Contains(t.Key ?? "")).ToList() };
            Save();
        }
    }

    /// <inheritdoc/>
    ValueTask IResourceTagger.TagAsync(string arn, IReadOnlyList<XRayTag> tags, CancellationToken cancellationToken)
    {
        Tag(arn, tags);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    ValueTask IResourceTagger.UntagAsync(string arn, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        Untag(arn, keys);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public bool TryResolve(GroupReferenceKind kind, string value, out FilterNode? filter)
    {
        filter = null;
        lock (_gate)
        {
            if (kind == GroupReferenceKind.Name ? value == DefaultGroupName : value == DefaultArn)
            {
                return true;
            }

            var group = _groups.Find(g => kind == GroupReferenceKind.Name ? g.Name == value : g.Arn == value);
            if (group is null)
            {
                return false;
            }

            filter = group.FilterExpression is { Length: > 0 } expression ? FilterExpression.Parse(expression) : null;
            return true;
        }
    }

    private bool IsDefault(string? name, string? arn)
        => (string.IsNullOrEmpty(arn) && name == DefaultGroupName) || arn == DefaultArn;

    private XRayGroup DefaultGroup() => new()
    {
        GroupName = DefaultGroupName,
        GroupARN = DefaultArn,
        InsightsConfiguration = new InsightsConfiguration { InsightsEnabled = false, NotificationsEnabled = false },
    };

    private StoredGroup Find(string? name, string? arn)
    {
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(arn))
        {
            throw new XRayRequestException("GroupName or GroupARN is required.");
        }

        return (string.IsNullOrEmpty(arn) ? _groups.Find(g => g.Name == name) : _groups.Find(g => g.Arn == arn))
            ?? throw new XRayRequestException($"Group not found: {(string.IsNullOrEmpty(arn) ? name : arn)}.");
    }

    private StoredGroup FindByArn(string arn)
        => _groups.Find(g => g.Arn == arn) ?? throw new XRayRequestException(XRayRequestException.ResourceNotFound, $"Resource not found: {arn}.");

    private static XRayGroup ToGroup(StoredGroup group) => new()
    {
        GroupName = group.Name,
        GroupARN = group.Arn,
        FilterExpression = group.FilterExpression,
        InsightsConfiguration = group.Insights,
    };

    private static string ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32)
        {
            throw new XRayRequestException("GroupName must be 1 to 32 characters long.");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.')
            {
                throw new XRayRequestException($"GroupName '{name}' may contain only letters, digits, '-', '_' and '.'.");
            }
        }

        return name;
    }

    private static void ValidateFilter(string? expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return;
        }

        if (!FilterExpression.TryParse(expression, out _, out var error))
        {
            throw new XRayRequestException("Invalid filter expression: " + (error?.Message ?? expression));
        }
    }

    private static void ValidateTags(IReadOnlyList<XRayTag>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTagsPerResource)
        {
            throw new XRayRequestException($"A resource can have at most {MaxTagsPerResource} tags.");
        }

        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > 128 || (tag.Value?.Length ?? 0) > 256)
            {
                throw new XRayRequestException("Tag keys must be 1 to 128 characters and values at most 256.");
            }

            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new XRayRequestException("Tag keys starting with 'aws:' are reserved.");
            }
        }
    }

    private static string NewGroupId()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<char> id = stackalloc char[52];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(id);
    }

    private static List<StoredGroup> Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), GroupFileJsonContext.Default.ListStoredGroup) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The groups file {path} is not valid: {e.Message}", e);
        }
    }

    private void Save()
    {
        if (_options.FilePath is not { } path)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _groups, GroupFileJsonContext.Default.ListStoredGroup);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
