import { h, s, clear, errorBox, fmtSeconds } from '../dom.js';
import { XRay, allPages } from '../api.js';
import { layeredLayout } from '../layout.js';
import { navigate, replaceQuery } from '../router.js';
import { rangeSelect, windowOf, DEFAULT_RANGE } from '../range.js';

const R = 26;
const COLORS = { ok: 'var(--ok)', error: 'var(--error)', throttle: 'var(--throttle)', fault: 'var(--fault)' };

export function quote(name) { return `"${String(name).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`; }

function iconFor(type) {
  if (!type) return 'SVC';
  if (type === 'client') return 'USR';
  if (type === 'remote') return 'EXT';
  if (type.startsWith('AWS::Lambda')) return 'λ';
  if (type === 'Database::SQL') return 'SQL';
  const parts = type.split('::');
  const svc = parts[1] ?? type;
  const known = { DynamoDB: 'DDB', ElasticBeanstalk: 'EB', APIGateway: 'API', StepFunctions: 'SFN', AppSync: 'GQL', SecretsManager: 'SEC' };
  return known[svc] ?? svc.slice(0, 3).toUpperCase();
}

/** ok/error/throttle/fault counts from a ServiceStatistics or EdgeStatistics object. */
export function shares(stats) {
  if (!stats) return null;
  const ok = stats.OkCount ?? 0;
  const throttle = stats.ErrorStatistics?.ThrottleCount ?? 0;
  const error = stats.ErrorStatistics?.OtherCount ?? Math.max(0, (stats.ErrorStatistics?.TotalCount ?? 0) - throttle);
  const fault = stats.FaultStatistics?.TotalCount ?? 0;
  const total = stats.TotalCount ?? ok + error + throttle + fault;
  return { ok, error, throttle, fault, total, responseTime: stats.TotalResponseTime ?? 0 };
}

function addStats(a, b) {
  if (!b) return a;
  if (!a) return { ...b };
  return { ok: a.ok + b.ok, error: a.error + b.error, throttle: a.throttle + b.throttle, fault: a.fault + b.fault, total: a.total + b.total, responseTime: a.responseTime + b.responseTime };
}

function ring(cx, cy, r, st) {
  const g = s('g', { class: 'ring', transform: `rotate(-90 ${cx} ${cy})` });
  const c = 2 * Math.PI * r;
  const total = st ? st.ok + st.error + st.throttle + st.fault : 0;
  if (!total) {
    g.append(s('circle', { cx, cy, r, fill: 'none', stroke: 'var(--pending)', 'stroke-width': 5, opacity: 0.5 }));
    return g;
  }
  let offset = 0;
  for (const key of ['ok', 'error', 'throttle', 'fault']) {
    const share = st[key] / total;
    if (share <= 0) continue;
    g.append(s('circle', {
      cx, cy, r, fill: 'none', stroke: COLORS[key], 'stroke-width': 5, class: `arc-${key}`,
      'stroke-dasharray': `${share * c} ${c}`, 'stroke-dashoffset': `${-offset * c}`,
    }));
    offset += share;
  }
  return g;
}

function truncate(text, max) { return text.length > max ? `${text.slice(0, max - 1)}…` : text; }

export async function render(view, _params, query, ctx) {
  const range = query.get('range') || DEFAULT_RANGE;
  const group = query.get('group') || '';
  const refresh = (next) => navigate('/map', { range: next.range ?? range, group: next.group ?? group });

  const groupSelect = h('select', { 'aria-label': 'Group', onchange: (e) => refresh({ group: e.target.value }) },
    h('option', { value: '' }, 'Default (all traces)'));
  const status = h('span', { class: 'muted small' });
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading service graph…'));
  view.append(
    h('h1', null, 'Service map'),
    h('div', { class: 'toolbar' },
      rangeSelect(range, (r) => refresh({ range: r })), groupSelect,
      h('button', { type: 'button', class: 'btn', onclick: () => refresh({}) }, 'Refresh'),
      status, h('span', { class: 'spacer' }),
      h('span', { class: 'legend' }, ...['ok', 'error', 'throttle', 'fault'].map((k) => h('span', null, h('i', { style: { background: COLORS[k] } }), k)))),
    body);

  XRay.groups().then((res) => {
    for (const g of res.Groups ?? []) groupSelect.append(h('option', { value: g.GroupName, selected: g.GroupName === group }, g.GroupName));
    if (group && !(res.Groups ?? []).some((g) => g.GroupName === group)) groupSelect.append(h('option', { value: group, selected: true }, group));
  }).catch(() => { if (group) groupSelect.append(h('option', { value: group, selected: true }, group)); });

  const win = windowOf(range);
  let services;
  // Rates use the chosen window, not the server's minute-aligned echo, so labels match what was asked for.
  const windowSeconds = win.seconds;
  try {
    const input = { StartTime: win.StartTime, EndTime: win.EndTime };
    if (group) input.GroupName = group;
    services = await allPages((token) => XRay.serviceGraph(token ? { ...input, NextToken: token } : input), 'Services', 20);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(errorBox(e, 'GetServiceGraph failed'));
    return;
  }
  if (!ctx.isCurrent()) return;
  replaceQuery({ range, group });
  clear(body);
  if (!services.length) {
    body.append(h('div', { class: 'notice' }, 'No services in this time range. Send segments to the daemon on UDP 127.0.0.1:2000 or call PutTraceSegments, then refresh.'));
    return;
  }
  body.append(drawMap(services, windowSeconds, range));
  const edgeCount = services.reduce((n, svc) => n + (svc.Edges?.length ?? 0), 0);
  status.textContent = `${services.length} nodes, ${edgeCount} edges`;
}

export function drawMap(services, windowSeconds, range) {
  const byRef = new Map(services.map((svc) => [svc.ReferenceId, svc]));
  const incomingStats = new Map();
  const edges = [];
  for (const svc of services) {
    for (const e of svc.Edges ?? []) {
      if (!byRef.has(e.ReferenceId)) continue;
      const st = shares(e.SummaryStatistics);
      edges.push({ from: svc.ReferenceId, to: e.ReferenceId, edge: e, stats: st });
      incomingStats.set(e.ReferenceId, addStats(incomingStats.get(e.ReferenceId), st));
    }
  }
  const nodes = services.map((svc) => ({ id: svc.ReferenceId, label: svc.Name ?? '?', kind: svc.Type === 'client' ? 'client' : 'service', root: !!svc.Root }));
  const layout = layeredLayout(nodes, edges);
  const minutes = Math.max(windowSeconds / 60, 1 / 60);

  const svg = s('svg', { class: 'map', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', 'aria-label': 'Service map' });
  svg.append(s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z' }))));
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  svg.append(edgeLayer, nodeLayer);

  for (const e of edges) {
    const a = layout.positions.get(e.from);
    const b = layout.positions.get(e.to);
    const src = byRef.get(e.from);
    const dst = byRef.get(e.to);
    let d;
    let mid;
    if (b.x > a.x) {
      const x1 = a.x + R + 6; const x2 = b.x - R - 8; const dx = (x2 - x1) / 2;
      d = `M ${x1} ${a.y} C ${x1 + dx} ${a.y}, ${x2 - dx} ${b.y}, ${x2} ${b.y}`;
      mid = { x: (x1 + x2) / 2, y: (a.y + b.y) / 2 - 6 };
    } else {
      // Back or same-column edge: bow it above both nodes so it does not cross them.
      const x1 = a.x; const y1 = a.y - R - 6; const x2 = b.x; const y2 = b.y - R - 8;
      const lift = Math.min(y1, y2) - 60;
      d = `M ${x1} ${y1} C ${x1} ${lift}, ${x2} ${lift}, ${x2} ${y2}`;
      mid = { x: (x1 + x2) / 2, y: lift + 8 };
    }
    const st = e.stats;
    const avg = st && st.total ? st.responseTime / st.total : null;
    const label = st && st.total ? `${fmtSeconds(avg)} · ${(st.total / minutes).toFixed(st.total / minutes < 10 ? 1 : 0)}/min` : '';
    const g = s('g', {
      class: `edge${e.edge.EdgeType === 'link' ? ' link' : ''}`, tabindex: 0, role: 'link',
      'aria-label': `Edge ${src.Name} to ${dst.Name}`, dataset: { from: src.Name ?? '', to: dst.Name ?? '' },
    });
    g.append(
      s('title', null, `${src.Name} → ${dst.Name}${label ? `\n${label}` : ''}${st ? `\nok ${st.ok}, error ${st.error}, throttle ${st.throttle}, fault ${st.fault}` : ''}`),
      s('path', { class: 'hit', d }),
      s('path', { class: 'line', d, 'marker-end': 'url(#arrow)' }),
      // A plate behind the label: the curve runs through the label's middle. Width is estimated (no layout pass).
      label ? s('rect', { class: 'edge-label-bg', x: mid.x - (label.length * 3.2 + 4), y: mid.y - 11, width: label.length * 6.4 + 8, height: 15, rx: 3 }) : null,
      label ? s('text', { x: mid.x, y: mid.y, 'text-anchor': 'middle', class: 'edge-label' }, label) : null);
    const open = () => {
      // A client edge is the root service seen from outside: its traces are the root service's traces.
      const filter = src.Type === 'client' ? `service(${quote(dst.Name)})` : `edge(${quote(src.Name)}, ${quote(dst.Name)})`;
      navigate('/traces', { filter, range });
    };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') open(); });
    edgeLayer.append(g);
  }

  for (const svc of services) {
    const p = layout.positions.get(svc.ReferenceId);
    const st = shares(svc.SummaryStatistics) ?? incomingStats.get(svc.ReferenceId) ?? (svc.Type === 'client'
      ? edges.filter((e) => e.from === svc.ReferenceId).reduce((acc, e) => addStats(acc, e.stats), null) : null);
    const name = svc.Name ?? '?';
    const typeLabel = svc.Type ?? 'service';
    // The API names a client node after the service it calls; on the map that reads as a duplicate service.
    const shown = svc.Type === 'client' ? 'Clients' : name;
    const avg = st && st.total ? st.responseTime / st.total : null;
    const statLine = st && st.total ? `${fmtSeconds(avg)} avg · ${(st.total / minutes).toFixed(st.total / minutes < 10 ? 1 : 0)}/min` : '';
    const g = s('g', {
      class: `node${svc.Type === 'client' ? ' client' : ''}`, tabindex: 0, role: 'link',
      'aria-label': svc.Type === 'client' ? `Clients of ${name}` : `Service ${name} (${typeLabel})`, dataset: { name, type: svc.Type ?? '' }, transform: `translate(${p.x} ${p.y})`,
    });
    g.append(
      s('title', null, `${svc.Type === 'client' ? `Clients calling ${name}` : name}\n${typeLabel}${st ? `\nok ${st.ok}, error ${st.error}, throttle ${st.throttle}, fault ${st.fault}` : ''}`),
      ring(0, 0, R + 4, st),
      s('circle', { class: 'disc', cx: 0, cy: 0, r: R }),
      s('text', { class: 'icon', x: 0, y: 4, 'text-anchor': 'middle' }, iconFor(svc.Type)),
      s('text', { class: 'node-name', x: 0, y: R + 22, 'text-anchor': 'middle' }, truncate(shown, 30)),
      s('text', { class: 'sub node-type', x: 0, y: R + 36, 'text-anchor': 'middle' }, typeLabel),
      statLine ? s('text', { class: 'sub node-stats', x: 0, y: R + 50, 'text-anchor': 'middle' }, statLine) : null);
    const open = () => navigate('/traces', { filter: `service(${quote(name)})`, range });
    g.addEventListener('click', open);
    g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') open(); });
    nodeLayer.append(g);
  }
  return h('div', { class: 'panel map-wrap' }, svg);
}
