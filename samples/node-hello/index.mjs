// A nodejs22.x function for Fluoro (handler index.handler). Zip this folder and create the function;
// see docs/lambda.md. The event {"fail":true} makes it throw so you can see an error trace.
export const handler = async (event, context) => {
  console.log('greeting', event.name ?? 'world');
  if (event.fail) {
    throw new Error(`asked to fail for ${event.name}`);
  }
  return {
    greeting: `Hello, ${event.name ?? 'world'}!`,
    requestId: context.awsRequestId,
    traceHeader: process.env._X_AMZN_TRACE_ID ?? null,
    remainingMs: context.getRemainingTimeInMillis(),
  };
};
