// The "process's own start" for docs/benchmarks.md: runs a function's runtime process against a minimal
// in-process Runtime API (no Fluoro), and times spawn → first /next (start) and spawn → first response (start
// plus the first event). Fluoro's cold start minus these is what Fluoro adds.
// Usage: HANDLER=<handler> node process-start.mjs <count> <task-root> <command> [args...]
import http from 'node:http';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
const [,, countArg, taskRoot, command, ...args] = process.argv;
const results = [];
for (let i = 0; i < Number(countArg); i++) {
  results.push(await once());
}
const med = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(JSON.stringify({ n: results.length, medianFirstNextMs: med('next').toFixed(1), medianFirstResponseMs: med('response').toFixed(1),
  medianCpuMs: med('cpu').toFixed(0),
  responses: results.map((r) => r.response.toFixed(0)).join(' ') }));

function once() {
  return new Promise((resolve, reject) => {
    let t0, next, child, served = false;
    const server = http.createServer((req, res) => {
      if (req.url.endsWith('/invocation/next')) {
        if (served) return; // hold the second poll until the process is killed
        served = true;
        next = Number(process.hrtime.bigint() - t0) / 1e6;
        const body = '{"name":"cold"}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
          'lambda-runtime-aws-request-id': 'r-1', 'lambda-runtime-deadline-ms': String(Date.now() + 30000),
          'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:000000000000:function:f' });
        res.end(body);
      } else if (req.url.includes('/invocation/r-1/')) {
        const response = Number(process.hrtime.bigint() - t0) / 1e6;
        const cpu = cpuMs(child.pid);
        req.resume();
        req.on('end', () => {
          res.writeHead(202); res.end();
          child.kill('SIGKILL');
          server.close();
          server.closeAllConnections();
          resolve({ next, response, cpu });
        });
      } else {
        res.writeHead(404); res.end();
      }
    });
    server.listen(0, '127.0.0.1', () => {
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOTNET_ROOT: process.env.DOTNET_ROOT ?? '', LANG: 'en_US.UTF-8',
        _HANDLER: process.env.HANDLER ?? '', LAMBDA_TASK_ROOT: taskRoot, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}`,
        AWS_LAMBDA_FUNCTION_NAME: 'f', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128', AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/f', AWS_LAMBDA_LOG_STREAM_NAME: 's', AWS_REGION: 'us-east-1',
        DOTNET_gcServer: '0', DOTNET_TieredPGO: '0', DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...(process.env.EXTRA_ENV ? JSON.parse(process.env.EXTRA_ENV) : {}) };
      t0 = process.hrtime.bigint();
      child = spawn(command, args, { cwd: taskRoot, env, stdio: process.env.STDIO === 'inherit' ? 'inherit' : 'ignore' });
      child.on('error', reject);
    });
  });
}

// User+sys CPU of the process and its threads so far (Linux; the shared machine's load distorts wall time).
function cpuMs(pid) {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
}
