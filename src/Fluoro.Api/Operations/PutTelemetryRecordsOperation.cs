using System.Text.Json.Nodes;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /TelemetryRecords</c>: PutTelemetryRecords.</summary>
internal sealed class PutTelemetryRecordsOperation : JsonNodeOperation
{
    public override string Name => "PutTelemetryRecords";

    public override string Path => "/TelemetryRecords";

    protected override ValueTask<JsonObject> ExecuteAsync(JsonObject request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (request["TelemetryRecords"] is not JsonArray records)
        {
            throw new XRayRequestException("TelemetryRecords is required.");
        }

        services.GetRequiredService<TelemetryRecordLog>().Add(records, String(request, "Hostname"), String(request, "EC2InstanceId"), String(request, "ResourceARN"));
        return ValueTask.FromResult(new JsonObject());
    }
}
