using Fluoro.Lambda.Tracing;

namespace Fluoro.Lambda.Execution;

/// <summary>A queued <c>Event</c> invoke: the request, its trace decision and when it was accepted.</summary>
internal sealed record EventInvocation(InvokeRequest Request, string RequestId, InvocationTrace Trace, DateTimeOffset ReceivedAt, DateTimeOffset AcceptedAt);
