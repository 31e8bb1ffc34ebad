// Asks aws-xray-sdk-core for sampling decisions for a few seconds so that it fetches rules from the daemon's TCP port,
// then prints which rule decided (the SDK returns the rule name once centralized rules are loaded).
'use strict';
const AWSXRay = require('aws-xray-sdk-core');

AWSXRay.enableManualMode();
AWSXRay.setLogger({ error: console.error, warn: () => {}, info: () => {}, debug: () => {} });

const request = { host: 'example.com', httpMethod: 'GET', urlPath: '/orders', serviceName: 'e2e-sampling' };
const deadline = Date.now() + Number(process.argv[2] || 8000);
const timer = setInterval(() => {
  const decision = AWSXRay.middleware.sampler.shouldSample(request);
  if (typeof decision === 'string' || Date.now() > deadline) {
    clearInterval(timer);
    console.log(JSON.stringify({ decision }));
    process.exit(0);
  }
}, 100);
