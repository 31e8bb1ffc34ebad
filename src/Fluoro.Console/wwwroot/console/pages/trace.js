import { h, clear, errorBox, fmtSeconds, fmtTime, badge, tabs, download, kv } from '../dom.js';
import { XRay } from '../api.js';
import { href } from '../router.js';
import { buildTrace, findException } from '../model.js';
import { getImported } from '../store.js';

const ROW = 24;
const OVERSCAN = 12;

export async function render(view, params, _query, ctx) {
  const id = params[0];
  view.append(h('p', null, h('a', { href: href('/traces') }, '← Traces')));
  const head = h('div');
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading trace…'));
  view.append(head, body);

  let trace;
  if (ctx.local) {
    trace = getImported(id);
    if (!trace) {
      clear(body).append(h('div', { class: 'notice' }, 'This imported trace is no longer in memory (imports last for the browser tab). Import the file again from the Traces page.'));
      return undefined;
    }
  } else {
    try {
      const res = await XRay.batchGetTraces([id]);
      trace = (res.Traces ?? []).find((t) => t.Id === id) ?? res.Traces?.[0];
    } catch (e) {
      if (ctx.isCurrent()) clear(body).append(errorBox(e, 'BatchGetTraces failed'));
      return undefined;
    }
    if (!ctx.isCurrent()) return undefined;
    if (!trace) {
      clear(body).append(h('h1', { class: 'mono' }, id), h('div', { class: 'notice' }, 'The server does not know this trace (it came back in UnprocessedTraceIds). It may have expired, or its segments have not arrived yet.'));
      return undefined;
    }
  }
  return showTrace(head, clear(body), trace, ctx.local);
}

export function showTrace(head, body, trace, local) {
  const model = buildTrace(trace);
  const collapsed = new Set();
  let selected = model.entities[0] ?? null;
  let showCritical = true;
  const hasFault = model.entities.some((e) => e.status === 'fault');
  const hasError = model.entities.some((e) => e.status === 'error');
  const hasThrottle = model.entities.some((e) => e.status === 'throttle');

  const critToggle = h('input', { type: 'checkbox', checked: true, 'aria-label': 'Highlight critical path' });
  critToggle.addEventListener('change', () => { showCritical = critToggle.checked; paint(true); });
  head.append(
    h('h1', { class: 'mono', id: 'trace-title' }, trace.Id, local ? h('span', { class: 'chip', style: { marginLeft: '8px' } }, 'imported') : null),
    h('div', { class: 'toolbar' },
      h('span', null, `Started ${fmtTime(model.start)}`),
      h('span', null, `Duration ${fmtSeconds(model.duration)}`),
      h('span', null, `${model.segmentCount} segments, ${model.entities.length} entities`),
      hasFault ? badge('fault') : null, hasError ? badge('error') : null, hasThrottle ? badge('throttle') : null,
      !hasFault && !hasError && !hasThrottle ? badge('ok') : null,
      trace.LimitExceeded ? h('span', { class: 'chip' }, 'limit exceeded') : null,
      h('span', { class: 'spacer' }),
      h('label', { class: 'switch' }, critToggle, 'Critical path'),
      h('button', { type: 'button', class: 'btn', onclick: () => { for (const e of model.entities) if (e.children.length && e.depth > 0) collapsed.add(e.id); paint(true); } }, 'Collapse'),
      h('button', { type: 'button', class: 'btn', onclick: () => { collapsed.clear(); paint(true); } }, 'Expand all'),
      h('button', { type: 'button', class: 'btn', onclick: () => download(`${trace.Id}.json`, JSON.stringify({ Traces: [trace] }, null, 2)) }, 'Export JSON')));

  const ticks = h('div', { class: 'tl-ticks' });
  for (let i = 0; i <= 4; i++) ticks.append(h('span', { style: { left: `calc((100% - 80px) * ${i / 4})` } }, fmtSeconds((model.duration * i) / 4)));
  const scroller = h('div', { class: 'tl-body', tabindex: 0, 'aria-label': 'Trace timeline' });
  const spacer = h('div', { style: { position: 'relative' } });
  scroller.append(spacer);
  const details = h('div', { class: 'panel details', id: 'entity-details' });
  body.append(h('div', { class: 'trace-layout' },
    h('div', { class: 'panel timeline', id: 'timeline' }, h('div', { class: 'tl-head' }, h('div', null, 'Name'), ticks), scroller),
    details));

  const span = model.end - model.start || 0.001;
  let rows = [];
  const visibleRows = () => {
    const out = [];
    const hidden = (e) => { for (let p = e.parent; p; p = p.parent) if (collapsed.has(p.id)) return true; return false; };
    for (const e of model.entities) if (!hidden(e)) out.push(e);
    return out;
  };

  const rowEl = (e, index) => {
    const left = ((e.start - model.start) / span) * 100;
    const width = Math.max(((e.end - e.start) / span) * 100, 0.15);
    const classes = ['tl-bar', e.kind === 'segment' || e.kind === 'inferred' ? 'seg' : 'sub'];
    if (e.namespace === 'remote' || e.namespace === 'aws') classes.push('remote');
    if (e.status !== 'ok') classes.push(e.status);
    if (showCritical && e.critical) classes.push('crit');
    const twisty = e.children.length ? (collapsed.has(e.id) ? '▸' : '▾') : '';
    const row = h('div', {
      class: `tl-row${selected === e ? ' selected' : ''}`, role: 'row', style: { top: `${index * ROW}px` },
      dataset: { id: e.id, name: e.name, kind: e.kind, status: e.status, critical: String(e.critical) },
    },
      h('div', { class: 'tl-name', style: { paddingLeft: `${6 + e.depth * 14}px` }, title: e.name },
        h('span', { class: 'tw', dataset: { toggle: e.id } }, twisty),
        showCritical && e.critical ? h('span', { class: 'crit-dot', title: 'On the critical path' }, '◆') : null,
        h('span', { class: 'ename' }, e.name),
        e.kind !== 'subsegment' ? h('span', { class: 'kind' }, e.origin ?? (e.kind === 'inferred' ? 'inferred' : 'segment')) : null),
      h('div', { class: 'tl-track' },
        h('div', { class: classes.join(' '), style: { left: `${left}%`, width: `${width}%` }, title: `${e.name}: ${fmtSeconds(e.end - e.start)}` }),
        h('span', { class: 'tl-label', style: { left: `${left + width}%` } }, e.inProgress ? 'in progress' : fmtSeconds(e.end - e.start))));
    return row;
  };

  let lastRange = '';
  const paint = (force) => {
    if (force) { rows = visibleRows(); spacer.style.height = `${rows.length * ROW}px`; }
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((scroller.scrollTop + (scroller.clientHeight || 600)) / ROW) + OVERSCAN);
    const key = `${first}:${last}`;
    if (!force && key === lastRange) return;
    lastRange = key;
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) frag.append(rowEl(rows[i], i));
    spacer.replaceChildren(frag);
  };
  let pending = false;
  scroller.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; paint(false); });
  });
  spacer.addEventListener('click', (ev) => {
    const toggle = ev.target.closest('[data-toggle]');
    const row = ev.target.closest('.tl-row');
    if (!row) return;
    const e = model.byId.get(row.dataset.id) ?? model.entities.find((x) => x.id === row.dataset.id);
    if (toggle && toggle.textContent) {
      if (collapsed.has(e.id)) collapsed.delete(e.id); else collapsed.add(e.id);
      paint(true);
      return;
    }
    selected = e;
    paint(true);
    showDetails(details, model, e);
  });
  const onResize = () => paint(true);
  window.addEventListener('resize', onResize);
  paint(true);
  if (selected) showDetails(details, model, selected);
  return () => window.removeEventListener('resize', onResize);
}

function json(value) { return h('pre', { class: 'mono' }, JSON.stringify(value, null, 2)); }

function exceptionsView(model, e) {
  const cause = e.doc.cause;
  if (!cause) return h('p', { class: 'muted' }, 'No exceptions recorded.');
  if (typeof cause === 'string') {
    const found = findException(model, cause);
    return h('div', null, h('p', null, `Caused by exception ${cause}`, found ? ` recorded on “${found.entity.name}”.` : '.'), found ? exceptionCard(found.exception) : null);
  }
  const list = cause.exceptions ?? [];
  return h('div', null,
    cause.working_directory ? h('p', { class: 'muted small' }, `Working directory: ${cause.working_directory}`) : null,
    list.length ? list.map(exceptionCard) : h('p', { class: 'muted' }, 'The cause holds no exceptions.'));
}

function exceptionCard(ex) {
  return h('div', { class: 'panel pad', style: { marginBottom: '8px' } },
    h('div', null, h('strong', null, ex.type ?? 'Exception'), ex.remote ? h('span', { class: 'chip', style: { marginLeft: '6px' } }, 'remote') : null),
    h('div', null, ex.message ?? ''),
    h('div', { class: 'muted small' }, `id ${ex.id ?? '—'}${ex.cause ? `, caused by ${ex.cause}` : ''}${ex.truncated ? `, ${ex.truncated} frames omitted` : ''}${ex.skipped ? `, ${ex.skipped} skipped` : ''}`),
    (ex.stack ?? []).length ? h('pre', { class: 'stack' }, (ex.stack ?? []).map((f) => `at ${f.label ?? '?'} (${f.path ?? '?'}${f.line !== undefined ? `:${f.line}` : ''})`).join('\n')) : null);
}

function showDetails(panel, model, e) {
  let tab = panel.dataset.tab || 'overview';
  const d = e.doc;
  const content = h('div');
  const draw = () => {
    panel.dataset.tab = tab;
    clear(content);
    switch (tab) {
      case 'resources':
        content.append(kv([['Resource ARN', d.resource_arn], ['Origin', d.origin], ['Namespace', d.namespace], ['Service version', d.service?.version]]),
          d.aws ? h('div', null, h('h3', null, 'aws'), json(d.aws)) : null,
          d.service ? h('div', null, h('h3', null, 'service'), json(d.service)) : null,
          !d.aws && !d.service && !d.resource_arn ? h('p', { class: 'muted' }, 'No resource data.') : null);
        break;
      case 'annotations': {
        const entries = Object.entries(d.annotations ?? {});
        content.append(entries.length
          ? h('table', { class: 'grid' }, h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Value'))),
            h('tbody', null, entries.map(([k, v]) => h('tr', null, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, JSON.stringify(v))))))
          : h('p', { class: 'muted' }, 'No annotations.'));
        break;
      }
      case 'metadata':
        content.append(d.metadata && Object.keys(d.metadata).length ? json(d.metadata) : h('p', { class: 'muted' }, 'No metadata.'));
        break;
      case 'exceptions':
        content.append(exceptionsView(model, e));
        break;
      case 'sql':
        content.append(d.sql ? h('div', null, kv(Object.entries(d.sql).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])), d.sql.sanitized_query ? h('pre', { class: 'mono', style: { marginTop: '8px' } }, d.sql.sanitized_query) : null) : h('p', { class: 'muted' }, 'No SQL recorded.'));
        break;
      case 'raw':
        content.append(json(d));
        break;
      default:
        content.append(kv([
          ['Name', e.name], ['Kind', e.kind], ['Id', e.id], ['Parent id', d.parent_id ?? e.parent?.id], ['Service', e.service],
          ['Start', fmtTime(e.start)], ['End', e.inProgress ? 'in progress' : fmtTime(e.end)],
          ['Duration', e.inProgress ? '—' : fmtSeconds(e.end - e.start)], ['Offset', fmtSeconds(e.start - model.start)],
          ['Status', badge(e.status)], ['On critical path', e.critical ? 'yes' : 'no'],
          ['HTTP method', d.http?.request?.method], ['URL', d.http?.request?.url], ['HTTP status', d.http?.response?.status],
          ['Content length', d.http?.response?.content_length], ['Client IP', d.http?.request?.client_ip], ['User agent', d.http?.request?.user_agent],
          ['User', d.user], ['Origin', d.origin], ['Namespace', d.namespace],
        ]));
    }
  };
  clear(panel).append(
    h('h2', { style: { marginTop: 0 } }, e.name),
    tabs([['overview', 'Overview'], ['resources', 'Resources'], ['annotations', 'Annotations'], ['metadata', 'Metadata'], ['exceptions', 'Exceptions'], ['sql', 'SQL'], ['raw', 'Raw JSON']],
      tab, (next) => { tab = next; panel.dataset.tab = next; showDetails(panel, model, e); }),
    content);
  draw();
}
