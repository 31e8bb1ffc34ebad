using System.Text.Json.Nodes;

namespace Fluoro.XRay;

/// <summary>How one request ended, classified the way the service graph counts it.</summary>
internal enum RequestOutcome
{
    Ok,
    Error,
    Throttle,
    Fault,
}

/// <summary>Classifies a segment or subsegment document: fault before throttle before error.</summary>
internal static class RequestOutcomes
{
    public static RequestOutcome Of(JsonObject node)
    {
        var status = (node["http"] as JsonObject)?["response"] is JsonObject response && response["status"] is JsonValue value
            && value.TryGetValue<int>(out var code) ? code : 0;
        if (Flag(node, "fault") || status is >= 500 and < 600)
        {
            return RequestOutcome.Fault;
        }

        if (Flag(node, "throttle") || status == 429)
        {
            return RequestOutcome.Throttle;
        }

        return Flag(node, "error") || status is >= 400 and < 500 ? RequestOutcome.Error : RequestOutcome.Ok;
    }

    public static double? Time(JsonObject node, string name)
        => node[name] is JsonValue value && value.TryGetValue<double>(out var time) ? time : null;

    private static bool Flag(JsonObject node, string name)
        => node[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
