// The console uses only the public AWS-compatible APIs of this origin, exactly as any SDK would.
// Every call carries X-Fluoro-Console: 1. When the server checks signatures (--auth-keys), that header plus the
// HttpOnly session cookie set by /login is what stands in for SigV4; a cross-site form cannot send the header.
const CONSOLE_HEADER = { 'X-Fluoro-Console': '1' };

/** Error codes the SigV4 check answers with; seeing one means this browser is not signed in (any more). */
const AUTH_ERRORS = new Set(['MissingAuthenticationTokenException', 'MissingAuthenticationToken', 'InvalidSignatureException',
  'UnrecognizedClientException', 'IncompleteSignatureException', 'SignatureDoesNotMatch', 'AccessDeniedException']);

export class AwsError extends Error {
  constructor(code, message, status) {
    super(message || code || `HTTP ${status}`);
    this.code = code || `HTTP ${status}`;
    this.status = status;
  }
}

async function parseError(response) {
  let body = null;
  const text = await response.text().catch(() => '');
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  // Same order as the SDKs: header, then body code, then __type.
  let code = response.headers.get('x-amzn-ErrorType') || body?.code || body?.Code || body?.__type || '';
  code = String(code).split(':')[0];
  if (code.includes('#')) code = code.split('#').pop();
  const message = body?.message ?? body?.Message ?? body?.errorMessage ?? (text && !body ? text.slice(0, 500) : '');
  const error = new AwsError(code || `HTTP ${response.status}`, message || response.statusText || 'Request failed', response.status);
  if (response.status === 403 && AUTH_ERRORS.has(error.code)) window.dispatchEvent(new CustomEvent('fluoro:signed-out'));
  return error;
}

async function send(method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body !== undefined ? { 'Content-Type': 'application/json', ...CONSOLE_HEADER, ...headers } : { ...CONSOLE_HEADER, ...headers },
      body: body !== undefined ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
      cache: 'no-store',
    });
  } catch (e) {
    throw new AwsError('NetworkError', `The server did not answer: ${e.message}`, 0);
  }
  if (!response.ok) throw await parseError(response);
  const text = await response.text();
  if (!text) return {};
  try { return JSON.parse(text); } catch { throw new AwsError('InvalidResponse', `The server answered with text that is not JSON: ${text.slice(0, 200)}`, response.status); }
}

/** X-Ray rest-json: every operation is a POST to a fixed path with a JSON body. */
export function xray(path, body = {}) { return send('POST', path, body); }

export const XRay = {
  traceSummaries: (input) => xray('/TraceSummaries', input),
  batchGetTraces: (ids) => xray('/Traces', { TraceIds: ids }),
  serviceGraph: (input) => xray('/ServiceGraph', input),
  samplingRules: (nextToken) => xray('/GetSamplingRules', nextToken ? { NextToken: nextToken } : {}),
  createSamplingRule: (rule) => xray('/CreateSamplingRule', { SamplingRule: rule }),
  updateSamplingRule: (update) => xray('/UpdateSamplingRule', { SamplingRuleUpdate: update }),
  deleteSamplingRule: (name) => xray('/DeleteSamplingRule', { RuleName: name }),
  groups: (nextToken) => xray('/Groups', nextToken ? { NextToken: nextToken } : {}),
  createGroup: (input) => xray('/CreateGroup', input),
  updateGroup: (input) => xray('/UpdateGroup', input),
  deleteGroup: (name) => xray('/DeleteGroup', { GroupName: name }),
};

/** Collects every page of a NextToken-paginated operation, bounded so a server bug cannot loop forever. */
export async function allPages(call, key, maxPages = 50) {
  const items = [];
  let token;
  for (let i = 0; i < maxPages; i++) {
    const page = await call(token);
    items.push(...(page[key] ?? []));
    token = page.NextToken;
    if (!token) break;
  }
  return items;
}

const fn = (name) => `/2015-03-31/functions/${encodeURIComponent(name)}`;

export const Lambda = {
  async listFunctions() {
    const items = [];
    let marker;
    for (let i = 0; i < 50; i++) {
      const q = marker ? `?Marker=${encodeURIComponent(marker)}` : '';
      const page = await send('GET', `/2015-03-31/functions/${q}`);
      items.push(...(page.Functions ?? []));
      marker = page.NextMarker;
      if (!marker) break;
    }
    return items;
  },
  getFunction: (name) => send('GET', fn(name)),
  getConfiguration: (name) => send('GET', `${fn(name)}/configuration`),
  updateConfiguration: (name, body) => send('PUT', `${fn(name)}/configuration`, body),
  /** Invoke returns the raw response: the payload is a blob and the metadata lives in headers. */
  async invoke(name, payload) {
    let response;
    try {
      response = await fetch(`${fn(name)}/invocations`, {
        method: 'POST',
        headers: { 'X-Amz-Invocation-Type': 'RequestResponse', 'X-Amz-Log-Type': 'Tail', 'Content-Type': 'application/json', ...CONSOLE_HEADER },
        body: payload,
        cache: 'no-store',
      });
    } catch (e) {
      throw new AwsError('NetworkError', `The server did not answer: ${e.message}`, 0);
    }
    if (!response.ok) throw await parseError(response);
    return {
      status: response.status,
      functionError: response.headers.get('X-Amz-Function-Error'),
      logResult: response.headers.get('X-Amz-Log-Result'),
      executedVersion: response.headers.get('X-Amz-Executed-Version'),
      requestId: response.headers.get('x-amzn-RequestId'),
      traceHeader: response.headers.get('X-Amzn-Trace-Id'),
      body: await response.text(),
    };
  },
};

export function health() { return send('GET', '/_fluoro/health'); }

/** Whether the server wants a sign-in (--auth-keys) and whether this browser has one: { authRequired, authenticated }. */
export function consoleSession() { return send('GET', '/_fluoro/console-session'); }

export function signOut() { return send('POST', '/logout'); }
