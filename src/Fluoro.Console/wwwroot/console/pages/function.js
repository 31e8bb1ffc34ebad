import { h, clear, errorBox, fmtBytes, fmtSeconds, fmtTime, statusOf, badge, tabs, kv } from '../dom.js';
import { Lambda, XRay } from '../api.js';
import { href, replaceQuery } from '../router.js';
import { windowOf } from '../range.js';
import { quote } from './map.js';

const TABS = [['code', 'Code'], ['test', 'Test'], ['monitor', 'Monitor'], ['configuration', 'Configuration']];

/** The X-Ray trace id of an invocation: the log tail's XRAY line, else the response's tracing header. */
export function traceIdOf(logText, traceHeader) {
  const m = /XRAY TraceId:\s*(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24})/.exec(logText ?? '');
  if (m) return m[1];
  const r = /Root=(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24})/.exec(traceHeader ?? '');
  return r ? r[1] : null;
}

function decodeBase64Utf8(b64) {
  try {
    const bin = atob(b64);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return '(the log result is not valid base64)';
  }
}

export async function render(view, params, query, ctx) {
  const name = params[0];
  let tab = TABS.some(([k]) => k === query.get('tab')) ? query.get('tab') : 'code';
  view.append(h('p', null, h('a', { href: href('/functions') }, '← Functions')), h('h1', null, name));
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading function…'));
  view.append(body);
  let fn;
  try {
    fn = await Lambda.getFunction(name);
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e, 'GetFunction failed'));
    return;
  }
  if (!ctx.isCurrent()) return;
  const state = { config: fn.Configuration ?? {}, code: fn.Code ?? {}, testEvent: '{\n  "key": "value"\n}', configSection: 'monitoring' };
  const content = h('div');
  const strip = h('div');
  const show = (next) => {
    tab = next;
    replaceQuery({ tab });
    clear(strip).append(tabs(TABS, tab, show));
    clear(content);
    ({ code: codeTab, test: testTab, monitor: monitorTab, configuration: configTab })[tab](content, name, state, ctx);
  };
  clear(body).append(strip, content);
  show(tab);
}

function codeTab(el, _name, state) {
  const c = state.config;
  el.append(h('div', { class: 'panel pad' }, h('h2', { style: { marginTop: 0 } }, 'Code properties'), kv([
    ['Handler', c.Handler], ['Runtime', c.Runtime], ['Package type', c.PackageType], ['Architectures', (c.Architectures ?? []).join(', ')],
    ['Code size', c.CodeSize !== undefined ? `${fmtBytes(c.CodeSize)} (${c.CodeSize} bytes)` : undefined],
    ['Code SHA-256', c.CodeSha256], ['Version', c.Version], ['Last modified', c.LastModified],
    ['Repository type', state.code.RepositoryType], ['Image URI', state.code.ImageUri],
  ])));
}

function testTab(el, name, state) {
  const editor = h('textarea', { 'aria-label': 'Event JSON', id: 'test-event', spellcheck: 'false' });
  editor.value = state.testEvent;
  editor.addEventListener('input', () => { state.testEvent = editor.value; });
  const result = h('div', { id: 'test-result' });
  const button = h('button', { type: 'button', class: 'btn primary', id: 'invoke-button' }, 'Test');
  button.addEventListener('click', async () => {
    clear(result);
    try { JSON.parse(editor.value || '{}'); } catch (e) {
      result.append(errorBox({ code: 'InvalidJson', message: `The event is not valid JSON: ${e.message}` }));
      return;
    }
    button.disabled = true;
    const started = performance.now();
    try {
      const r = await Lambda.invoke(name, editor.value || '{}');
      const elapsed = (performance.now() - started) / 1000;
      const logs = r.logResult ? decodeBase64Utf8(r.logResult) : '';
      const traceId = traceIdOf(logs, r.traceHeader);
      let pretty = r.body;
      try { pretty = JSON.stringify(JSON.parse(r.body), null, 2); } catch { /* not JSON: show as sent */ }
      result.append(
        h('div', { class: r.functionError ? 'alert' : 'notice' },
          h('strong', null, r.functionError ? `Execution failed (${r.functionError})` : 'Execution succeeded'),
          h('span', { class: 'muted' }, ` · HTTP ${r.status} · ${fmtSeconds(elapsed)} round trip${r.executedVersion ? ` · version ${r.executedVersion}` : ''}`),
          traceId ? h('span', null, ' · ', h('a', { href: href(`/traces/${traceId}`), id: 'invoke-trace-link' }, `View trace ${traceId}`)) : null),
        h('h3', null, 'Response'), h('pre', { class: 'mono', id: 'invoke-response' }, pretty || '(empty)'),
        h('h3', null, 'Log output'), h('pre', { class: 'mono', id: 'invoke-logs' }, logs || '(no log tail returned)'),
        r.requestId ? h('p', { class: 'muted small' }, `Request id ${r.requestId}`) : null);
    } catch (e) {
      result.append(errorBox(e, 'Invoke failed'));
    } finally {
      button.disabled = false;
    }
  });
  el.append(h('div', { class: 'panel pad' },
    h('h2', { style: { marginTop: 0 } }, 'Test event'),
    h('p', { class: 'muted small' }, 'Invokes the function synchronously with this event and shows the last 4 KB of its log.'),
    editor, h('div', { class: 'toolbar', style: { marginTop: '8px' } }, button)), result);
}

/**
 * Status of one invocation's trace. The Invoke call itself answers 200 when the handler throws, so the root
 * segment looks healthy; the failure shows as a fault or error root cause inside the function segment.
 */
function invocationStatus(t) {
  const status = statusOf(t);
  if (status !== 'ok') return status;
  if (t.FaultRootCauses?.length) return 'fault';
  if (t.ErrorRootCauses?.length) return 'error';
  return status;
}

/** Whether a BatchGetTraces trace shows a cold start: its function segment has an Initialization subsegment. */
export function isColdStart(trace) {
  for (const seg of trace?.Segments ?? []) {
    let doc;
    try { doc = typeof seg.Document === 'string' ? JSON.parse(seg.Document) : seg.Document; } catch { continue; }
    if (doc?.origin !== 'AWS::Lambda::Function') continue;
    if ((doc.subsegments ?? []).some((sub) => sub?.name === 'Initialization')) return true;
  }
  return false;
}

// Cold starts need the full traces; look at the most recent ones only, in BatchGetTraces-sized calls.
const COLD_START_CHECKS = 25;
const BATCH = 5;

async function markColdStarts(items, cells, card, ctx) {
  const ids = items.slice(0, COLD_START_CHECKS).map((t) => t.Id);
  let cold = 0;
  let checked = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const res = await XRay.batchGetTraces(ids.slice(i, i + BATCH));
    if (!ctx.isCurrent()) return;
    const byId = new Map((res.Traces ?? []).map((t) => [t.Id, t]));
    for (const id of ids.slice(i, i + BATCH)) {
      const trace = byId.get(id);
      const cell = cells.get(id);
      if (!trace) { cell.textContent = '—'; continue; }
      checked++;
      const isCold = isColdStart(trace);
      if (isCold) cold++;
      cell.textContent = isCold ? 'yes' : 'no';
      cell.dataset.cold = String(isCold);
    }
  }
  for (const t of items.slice(COLD_START_CHECKS)) cells.get(t.Id).textContent = '—';
  card.textContent = checked ? `${cold} of ${checked}` : '—';
}

async function monitorTab(el, name, _state, ctx) {
  const filter = `service(${quote(name)})`;
  const win = windowOf('3600');
  const list = h('div', null, h('p', { class: 'muted' }, 'Loading recent invocations…'));
  el.append(h('div', { class: 'toolbar' }, h('span', null, 'Recent invocations in the last hour from X-Ray trace summaries.'),
    h('a', { href: href('/traces', { filter, range: '3600' }) }, 'Open in Traces')), list);
  try {
    const items = [];
    let token;
    for (let i = 0; i < 5; i++) {
      const page = await XRay.traceSummaries({ StartTime: win.StartTime, EndTime: win.EndTime, FilterExpression: filter, ...(token ? { NextToken: token } : {}) });
      items.push(...(page.TraceSummaries ?? []));
      token = page.NextToken;
      if (!token || items.length >= 50) break;
    }
    if (!ctx.isCurrent()) return;
    clear(list);
    if (!items.length) { list.append(h('div', { class: 'notice' }, 'No traced invocations in the last hour. Switch on X-Ray tracing for this function, then invoke it.')); return; }
    const faults = items.filter((t) => invocationStatus(t) === 'fault').length;
    const errors = items.filter((t) => invocationStatus(t) === 'error').length;
    const avg = items.reduce((sum, t) => sum + (t.ResponseTime ?? 0), 0) / items.length;
    const coldCells = new Map(items.map((t) => [t.Id, h('td', { class: 'cold-start' }, '…')]));
    const coldCard = h('div', { class: 'health-num', id: 'cold-starts' }, '…');
    list.append(
      h('div', { class: 'cards', style: { marginBottom: '10px' } },
        h('div', { class: 'panel pad' }, h('div', { class: 'muted small' }, 'Invocations'), h('div', { class: 'health-num' }, String(items.length))),
        h('div', { class: 'panel pad' }, h('div', { class: 'muted small' }, 'Average duration'), h('div', { class: 'health-num' }, fmtSeconds(avg))),
        h('div', { class: 'panel pad' }, h('div', { class: 'muted small' }, 'Errors / faults'), h('div', { class: 'health-num' }, `${errors} / ${faults}`)),
        h('div', { class: 'panel pad' }, h('div', { class: 'muted small' }, 'Cold starts'), coldCard)),
      h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'Trace'), h('th', null, 'Start time'), h('th', { class: 'num' }, 'Duration'), h('th', null, 'Status'), h('th', null, 'Cold start'))),
        h('tbody', null, items.map((t) => h('tr', { dataset: { traceId: t.Id } },
          h('td', { class: 'mono' }, h('a', { href: href(`/traces/${t.Id}`) }, t.Id)),
          h('td', null, fmtTime(t.StartTime)), h('td', { class: 'num' }, fmtSeconds(t.ResponseTime ?? t.Duration)), h('td', null, badge(invocationStatus(t))),
          coldCells.get(t.Id)))))));
    markColdStarts(items, coldCells, coldCard, ctx).catch((e) => {
      if (!ctx.isCurrent()) return;
      coldCard.textContent = '—';
      for (const cell of coldCells.values()) if (cell.textContent === '…') cell.textContent = '—';
      list.append(errorBox(e, 'BatchGetTraces failed, so cold starts are not shown'));
    });
  } catch (e) {
    if (ctx.isCurrent()) clear(list).append(errorBox(e, 'GetTraceSummaries failed'));
  }
}

function configTab(el, name, state) {
  const sections = [['general', 'General configuration'], ['environment', 'Environment variables'], ['monitoring', 'Monitoring and operations tools']];
  const nav = h('div', { class: 'subnav', role: 'tablist', 'aria-label': 'Configuration sections' });
  const pane = h('div');
  const draw = () => {
    clear(nav);
    for (const [key, label] of sections) {
      nav.append(h('button', { type: 'button', role: 'tab', 'aria-selected': String(state.configSection === key), onclick: () => { state.configSection = key; draw(); } }, label));
    }
    clear(pane);
    const c = state.config;
    if (state.configSection === 'general') {
      pane.append(h('div', { class: 'panel pad' }, kv([
        ['Description', c.Description || '—'], ['Memory', c.MemorySize ? `${c.MemorySize} MB` : undefined], ['Timeout', c.Timeout ? `${c.Timeout} s` : undefined],
        ['Ephemeral storage', c.EphemeralStorage?.Size ? `${c.EphemeralStorage.Size} MB` : undefined], ['Role', c.Role], ['Function ARN', c.FunctionArn],
        ['State', c.State], ['Last update status', c.LastUpdateStatus], ['Revision', c.RevisionId]])));
    } else if (state.configSection === 'environment') {
      const vars = Object.entries(c.Environment?.Variables ?? {});
      pane.append(h('div', { class: 'panel pad' },
        vars.length ? h('table', { class: 'grid' }, h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Value'))),
          h('tbody', null, vars.map(([k, v]) => h('tr', null, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v))))) : h('p', { class: 'muted' }, 'No environment variables.')));
    } else {
      pane.append(monitoringSection(name, state));
    }
  };
  draw();
  el.append(h('div', { class: 'split' }, nav, pane));
}

function monitoringSection(name, state) {
  const active = state.config.TracingConfig?.Mode === 'Active';
  const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'active-tracing', checked: active, 'aria-checked': String(active) });
  const status = h('div', { class: 'tracing-status', 'aria-live': 'polite' });
  toggle.addEventListener('change', async () => {
    const mode = toggle.checked ? 'Active' : 'PassThrough';
    toggle.disabled = true;
    clear(status).append(h('span', { class: 'muted' }, 'Saving…'));
    try {
      const updated = await Lambda.updateConfiguration(name, { TracingConfig: { Mode: mode } });
      state.config = { ...state.config, ...updated };
      const now = state.config.TracingConfig?.Mode ?? mode;
      toggle.checked = now === 'Active';
      clear(status).append(h('span', { class: 'ok-text' }, `Saved: tracing mode is ${now}.`));
    } catch (e) {
      toggle.checked = !toggle.checked;
      clear(status).append(errorBox(e, 'UpdateFunctionConfiguration failed'));
    } finally {
      toggle.disabled = false;
      toggle.setAttribute('aria-checked', String(toggle.checked));
    }
  });
  return h('div', { class: 'panel pad' },
    // The section name is already on the selected tab beside this panel; one visible label per idea keeps
    // "click Monitoring and operations tools" unambiguous for people and scripts alike.
    h('h2', { style: { marginTop: 0 } }, 'AWS X-Ray'),
    h('label', { class: 'switch', for: 'active-tracing' }, toggle, 'Active tracing'),
    h('p', { class: 'muted small' }, 'When on, every sampled invocation records an AWS::Lambda and an AWS::Lambda::Function segment, and the trace header reaches your code. When off (PassThrough), the function only forwards a trace header it receives. Changes apply from the next cold start.'),
    status);
}
