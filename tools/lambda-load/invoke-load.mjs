// Lambda invoke load for docs/benchmarks.md: sequential warm invokes over one keep-alive connection
// (p50/p99 of the whole HTTP round trip), or a burst of N concurrent invokes.
// Usage: node invoke-load.mjs <endpoint> <function> <count> plain|traced|burst
import http from 'node:http';
const [,, endpoint, fn, countArg, mode] = process.argv;
const url = new URL(endpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
function invoke(payload, headers = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, path: `/2015-03-31/functions/${fn}/invocations`, method: 'POST', agent,
      headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, err: res.headers['x-amz-function-error'] }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
const count = Number(countArg);
if (mode === 'burst') {
  const t0 = Date.now();
  const res = await Promise.all(Array.from({ length: count }, () => invoke('{"sleepMs":1000,"sleep":1}')));
  console.log(JSON.stringify({ burst: count, wallMs: Date.now() - t0, errors: res.filter((r) => r.status !== 200 || r.err).length }));
} else {
  for (let i = 0; i < 50; i++) await invoke('{"name":"warm"}');
  const hdr = mode === 'traced' ? () => ({ 'x-amzn-trace-id': `Root=1-${Math.floor(Date.now()/1000).toString(16)}-${[...crypto.getRandomValues(new Uint8Array(12))].map(b=>b.toString(16).padStart(2,'0')).join('')};Sampled=1` }) : () => ({});
  const times = [];
  for (let i = 0; i < count; i++) times.push((await invoke('{"name":"bench"}', hdr())).ms);
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ mode, n: count, p50: pct(times, 0.5).toFixed(3), p99: pct(times, 0.99).toFixed(3), mean: (times.reduce((a, b) => a + b) / count).toFixed(3) }));
}
