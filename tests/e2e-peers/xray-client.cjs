// Drives Fluoro's X-Ray API with @aws-sdk/client-xray (endpoint from AWS_ENDPOINT_URL) and prints the result as JSON.
//   node xray-client.cjs put '<segment json>' ...      PutTraceSegments
//   node xray-client.cjs get <traceId> [waitMs]        BatchGetTraces, polling until the trace appears
//   node xray-client.cjs summaries <startEpoch> <endEpoch>
'use strict';
const { XRayClient, BatchGetTracesCommand, PutTraceSegmentsCommand, GetTraceSummariesCommand } = require('@aws-sdk/client-xray');

const client = new XRayClient({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION || 'us-east-1',
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'test',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'test',
  },
});

async function main() {
  const [op, ...args] = process.argv.slice(2);
  if (op === 'put') {
    const out = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: args }));
    return { UnprocessedTraceSegments: out.UnprocessedTraceSegments };
  }
  if (op === 'get') {
    const deadline = Date.now() + Number(args[1] || 10000);
    for (;;) {
      const out = await client.send(new BatchGetTracesCommand({ TraceIds: [args[0]] }));
      if ((out.Traces || []).length > 0 || Date.now() > deadline) {
        return { Traces: out.Traces, UnprocessedTraceIds: out.UnprocessedTraceIds };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (op === 'summaries') {
    const out = await client.send(new GetTraceSummariesCommand({
      StartTime: new Date(Number(args[0]) * 1000),
      EndTime: new Date(Number(args[1]) * 1000),
    }));
    return { TraceSummaries: out.TraceSummaries, TracesProcessedCount: out.TracesProcessedCount };
  }
  throw new Error('unknown operation ' + op);
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (err) => {
    console.error(JSON.stringify({ name: err.name, message: err.message, status: err.$metadata && err.$metadata.httpStatusCode }));
    process.exit(1);
  },
);
