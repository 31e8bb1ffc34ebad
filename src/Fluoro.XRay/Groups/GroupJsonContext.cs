using System.Text.Json.Serialization;

namespace Fluoro.XRay;

/// <summary>Source-generated JSON for the group and tag operations and the groups file.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(GroupReferenceRequest))]
[JsonSerializable(typeof(UpdateGroupRequest))]
[JsonSerializable(typeof(GetGroupsRequest))]
[JsonSerializable(typeof(GroupResult))]
[JsonSerializable(typeof(GetGroupsResult))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(UntagResourceRequest))]
[JsonSerializable(typeof(ListTagsForResourceRequest))]
[JsonSerializable(typeof(ListTagsForResourceResult))]
public sealed partial class GroupJsonContext : JsonSerializerContext;
