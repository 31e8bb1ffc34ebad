// Fluoro's Node.js runtime client: speaks the Lambda Runtime API (2018-06-01) for nodejs* functions.
// It loads `<file>.<export>` from LAMBDA_TASK_ROOT, supports async and callback handlers, and reports
// errors in Lambda's JSON shape with an X-Ray cause. It depends on nothing but Node itself.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import util from 'node:util';
import { pathToFileURL } from 'node:url';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
const handlerSpec = process.env._HANDLER || '';
const [apiHost, apiPort] = api.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let currentRequestId;

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request({
      host: apiHost, port: Number(apiPort), method, path: `/2018-06-01/runtime/${urlPath}`, agent,
      headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers } : headers,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function errorOf(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [],
    };
  }
  if (err && typeof err === 'object') {
    return { errorType: err.errorType || err.name || 'Error', errorMessage: err.errorMessage || err.message || JSON.stringify(err), trace: [] };
  }
  return { errorType: 'string', errorMessage: String(err), trace: [] };
}

function xrayCause(err, body) {
  const stack = [];
  const paths = new Set();
  for (const line of body.trace.slice(1)) {
    const m = /at (?:(.*?) \()?(?:async )?(.*?):(\d+):\d+\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[2].replace(/^file:\/\//, '');
    paths.add(file);
    stack.push({ path: file, line: Number(m[3]), label: m[1] || 'anonymous' });
  }
  return JSON.stringify({
    working_directory: taskRoot,
    exceptions: [{ type: body.errorType, message: body.errorMessage, stack }],
    paths: [...paths],
  });
}

function sanitizeHeader(value) {
  return value.replace(/[^\x20-\x7e]/g, ' ');
}

async function postError(urlPath, err, errorType) {
  const body = errorOf(err);
  const headers = { 'lambda-runtime-function-error-type': errorType || body.errorType };
  const cause = xrayCause(err, body);
  if (cause.length < 64 * 1024) headers['lambda-runtime-function-xray-error-cause'] = sanitizeHeader(cause);
  await request('POST', urlPath, JSON.stringify(body), headers);
}

// Console output carries the time, the request id and the level, as in Lambda's Node runtime.
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[name] = (...args) => {
    const text = util.format(...args).replace(/\n/g, '\r');
    stream.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${text}\n`);
  };
}

async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) {
    const e = new Error(`Bad handler ${handlerSpec}: expected <module>.<export>`);
    e.name = 'Runtime.MalformedHandlerName';
    throw e;
  }
  const modulePath = path.resolve(taskRoot, handlerSpec.slice(0, dot));
  const exportPath = handlerSpec.slice(dot + 1).split('.');
  const file = ['.mjs', '.js', '.cjs', ''].map((ext) => modulePath + ext).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  if (!file) {
    const e = new Error(`Cannot find module '${handlerSpec.slice(0, dot)}'`);
    e.name = 'Runtime.ImportModuleError';
    throw e;
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    if (err && typeof err === 'object') err.name = err.name === 'SyntaxError' ? 'Runtime.UserCodeSyntaxError' : err.name || 'Runtime.ImportModuleError';
    throw err;
  }
  let fn = mod;
  for (const part of exportPath) fn = fn?.[part] ?? (fn === mod ? mod.default?.[part] : undefined);
  if (typeof fn !== 'function') {
    const e = new Error(`${handlerSpec} is undefined or not exported`);
    e.name = 'Runtime.HandlerNotFound';
    throw e;
  }
  return fn;
}

function invoke(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (err) => callback(err ?? new Error('handled'));
    try {
      const out = handler(event, context, callback);
      if (handler.length < 3 || (out && typeof out.then === 'function')) {
        Promise.resolve(out).then((r) => callback(null, r), (e) => callback(e ?? new Error('rejected')));
      }
    } catch (err) {
      callback(err);
    }
  });
}

let handler;
try {
  handler = await loadHandler();
} catch (err) {
  await postError('init/error', err, err?.name);
  process.exit(1);
}

const env = process.env;
for (;;) {
  const next = await request('GET', 'invocation/next');
  if (next.status !== 200) throw new Error(`Runtime API /next answered ${next.status}`);
  const h = next.headers;
  const requestId = h['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  if (h['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id']; else delete env._X_AMZN_TRACE_ID;
  const deadline = Number(h['lambda-runtime-deadline-ms']);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    xRayTraceId: h['lambda-runtime-trace-id'],
    clientContext: h['lambda-runtime-client-context'] ? JSON.parse(h['lambda-runtime-client-context']) : undefined,
    identity: h['lambda-runtime-cognito-identity'] ? JSON.parse(h['lambda-runtime-cognito-identity']) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let event;
  try {
    event = next.body.length ? JSON.parse(next.body.toString('utf8')) : {};
  } catch {
    event = next.body.toString('utf8');
  }
  try {
    const result = await invoke(handler, event, context);
    const body = result === undefined ? 'null' : JSON.stringify(result);
    await request('POST', `invocation/${requestId}/response`, body);
  } catch (err) {
    console.error(util.format('Invoke Error', JSON.stringify(errorOf(err))));
    await postError(`invocation/${requestId}/error`, err);
  }
}
