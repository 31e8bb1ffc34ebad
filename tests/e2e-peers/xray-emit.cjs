// Emits one segment with a subsegment, annotations and metadata through aws-xray-sdk-core to the daemon at
// AWS_XRAY_DAEMON_ADDRESS, then prints the ids as JSON. Used by tests/Fluoro.EndToEnd.Tests.
'use strict';
const AWSXRay = require('aws-xray-sdk-core');

AWSXRay.enableManualMode();
AWSXRay.setContextMissingStrategy('LOG_ERROR');
AWSXRay.setLogger({ error: console.error, warn: () => {}, info: () => {}, debug: () => {} });

const name = process.argv[2] || 'e2e-node-service';
const segment = new AWSXRay.Segment(name);
const subsegment = segment.addNewSubsegment('db-call');
subsegment.addAnnotation('customer', 'acme');
subsegment.addAnnotation('retries', 2);
subsegment.addMetadata('request', { q: 'select 1', rows: [1, 2] }, 'e2e');
subsegment.close();
segment.addAnnotation('tier', 'gold');
segment.addMetadata('build', { sha: 'abc123' });
segment.setUser('alice');
segment.close();

console.log(JSON.stringify({ traceId: segment.trace_id, segmentId: segment.id, subsegmentId: subsegment.id }));
// The SDK sends over UDP asynchronously; give the socket a moment before exiting.
setTimeout(() => process.exit(0), 300);
