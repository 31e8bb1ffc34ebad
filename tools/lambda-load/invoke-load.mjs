// Lambda invoke load for docs/benchmarks.md: sequential warm invokes over one keep-alive connection
// (p50/p99 of the whole HTTP round trip), a burst of N concurrent invokes, or N cold starts in a row.
// Usage: node invoke-load.mjs <endpoint> <function> <count> plain|traced|burst|cold [server-pid]
// With a server pid (Linux), also prints the CPU time (user+sys) per invoke of the server and of its child
// processes (the function instances), which the shared machine's load does not distort as much as wall time.
import http from 'node:http';
import fs from 'node:fs';
const [,, endpoint, fn, countArg, mode, serverPid] = process.argv;
const url = new URL(endpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
function request(method, path, payload, headers = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, path, method, agent,
      headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, err: res.headers['x-amz-function-error'],
        requestId: res.headers['x-amzn-requestid'], body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const invoke = (payload, headers) => request('POST', `/2015-03-31/functions/${fn}/invocations`, payload, headers);
// CPU seconds (utime+stime) of a process and of its live descendants, from /proc.
function cpu(pid) {
  const tick = 100;
  const stats = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(f[1]), t: (Number(f[11]) + Number(f[12])) / tick });
    } catch { /* gone */ }
  }
  const root = Number(pid);
  let children = 0;
  const isDescendant = (p) => { for (let q = stats.get(p)?.ppid; q; q = stats.get(q)?.ppid) { if (q === root) return true; } return false; };
  for (const [p, s] of stats) if (isDescendant(p)) children += s.t;
  return { server: stats.get(root)?.t ?? 0, children };
}
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
const count = Number(countArg);
if (mode === 'burst') {
  const t0 = Date.now();
  const res = await Promise.all(Array.from({ length: count }, () => invoke('{"sleepMs":1000,"sleep":1}')));
  const failed = res.filter((r) => r.status !== 200 || r.err);
  const slowest = Math.max(...res.map((r) => r.ms));
  console.log(JSON.stringify({ burst: count, wallMs: Date.now() - t0, slowestMs: slowest.toFixed(0), errors: failed.length,
    ...(failed.length ? { firstError: `${failed[0].status} ${failed[0].body.slice(0, 300)}` } : {}) }));
} else if (mode === 'cold') {
  // Each round changes the configuration (Fluoro retires the instances), then times the first invoke; its log's
  // Init Duration (read afterwards, so the invoke itself does not wait for the log) is the window from the
  // instance's start to the runtime's first /next.
  const total = [], init = [];
  let serverCpu = 0;
  for (let i = 0; i < count; i++) {
    const cfg = await request('PUT', `/2015-03-31/functions/${fn}/configuration`, JSON.stringify({ Environment: { Variables: { COLD_ROUND: `${Date.now()}-${i}` } } }));
    if (cfg.status !== 200) throw new Error(`update-function-configuration: ${cfg.status}`);
    await new Promise((r) => setTimeout(r, 300));
    const c0 = serverPid ? cpu(serverPid) : null;
    const r = await invoke('{"name":"cold"}');
    if (c0) serverCpu += cpu(serverPid).server - c0.server;
    if (r.status !== 200 || r.err) throw new Error(`invoke: ${r.status} ${r.err}`);
    let m = null;
    for (let tries = 0; !m && tries < 50; tries++) {
      const logs = JSON.parse((await request('GET', `/_fluoro/lambda/functions/${fn}/logs`)).body);
      const entry = logs.Invocations.find((e) => e.RequestId === r.requestId);
      m = entry && /Init Duration: ([0-9.]+) ms/.exec(entry.Log);
      if (!m) await new Promise((res) => setTimeout(res, 50));
    }
    total.push(r.ms); init.push(m ? Number(m[1]) : NaN);
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(JSON.stringify({ mode, n: count, medianMs: med(total).toFixed(1), medianInitMs: med(init).toFixed(1),
    medianAfterInitMs: med(total.map((t, i) => t - init[i])).toFixed(1), totals: total.map((t) => t.toFixed(0)).join(' '),
    ...(serverPid ? { serverCpuMsPerColdInvoke: (serverCpu * 1000 / count).toFixed(1) } : {}) }));
} else {
  for (let i = 0; i < 50; i++) await invoke('{"name":"warm"}');
  const hdr = mode === 'traced' ? () => ({ 'x-amzn-trace-id': `Root=1-${Math.floor(Date.now()/1000).toString(16)}-${[...crypto.getRandomValues(new Uint8Array(12))].map(b=>b.toString(16).padStart(2,'0')).join('')};Sampled=1` }) : () => ({});
  const times = [];
  const c0 = serverPid ? cpu(serverPid) : null;
  for (let i = 0; i < count; i++) times.push((await invoke('{"name":"bench"}', hdr())).ms);
  const c1 = serverPid ? cpu(serverPid) : null;
  times.sort((a, b) => a - b);
  const out = { mode, n: count, p50: pct(times, 0.5).toFixed(3), p99: pct(times, 0.99).toFixed(3), mean: (times.reduce((a, b) => a + b) / count).toFixed(3) };
  if (c0) {
    out.serverCpuUsPerInvoke = ((c1.server - c0.server) * 1e6 / count).toFixed(0);
    out.functionCpuUsPerInvoke = ((c1.children - c0.children) * 1e6 / count).toFixed(0);
  }
  console.log(JSON.stringify(out));
}
