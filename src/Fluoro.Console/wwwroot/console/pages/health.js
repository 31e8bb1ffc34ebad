import { h, clear, errorBox, fmtNumber, fmtBytes } from '../dom.js';
import { health } from '../api.js';

// The health document's shape belongs to the server; render whatever is there, sections as cards.
const REFRESH_MS = 5000;

const ACRONYMS = { aws: 'AWS', xray: 'X-Ray', http: 'HTTP', udp: 'UDP', tcp: 'TCP', api: 'API', url: 'URL', id: 'ID' };

function humanKey(key) {
  const words = String(key).replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ').filter(Boolean);
  return words.map((w, i) => ACRONYMS[w.toLowerCase()] ?? (i === 0 ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase())).join(' ');
}

function valueText(key, value) {
  if (typeof value === 'number') {
    if (/bytes/i.test(key) || (/size/i.test(key) && value > 4096)) return `${fmtBytes(value)} (${fmtNumber(value)})`;
    return fmtNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object') ? value.join(', ') : JSON.stringify(value);
  return String(value);
}

function section(title, obj) {
  const rows = [];
  const nested = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) nested.push([k, v]);
    else rows.push(h('dt', null, humanKey(k)), h('dd', { class: 'mono', dataset: { key: k } }, valueText(k, v)));
  }
  return h('div', { class: 'panel pad', dataset: { section: title } },
    h('h2', { style: { marginTop: 0 } }, humanKey(title)),
    rows.length ? h('dl', { class: 'kv' }, rows) : null,
    !rows.length && !nested.length ? h('p', { class: 'muted small', style: { margin: 0 } }, 'None.') : null,
    nested.map(([k, v]) => h('div', { style: { marginTop: '8px' } }, section(k, v))));
}

export async function render(view, _params, _query, ctx) {
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading health…'));
  const stamp = h('span', { class: 'muted small' });
  view.append(h('h1', null, 'Health'), h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, 'From GET /_fluoro/health, refreshed every 5 seconds.'), stamp), body);
  const load = async () => {
    try {
      const doc = await health();
      if (!ctx.isCurrent()) return;
      const top = [];
      const cards = [];
      for (const [k, v] of Object.entries(doc ?? {})) {
        if (v && typeof v === 'object' && !Array.isArray(v)) cards.push(section(k, v));
        else top.push([k, v]);
      }
      clear(body).append(
        top.length ? h('div', { class: 'panel pad', style: { marginBottom: '10px' } }, h('dl', { class: 'kv' }, top.flatMap(([k, v]) => [h('dt', null, humanKey(k)), h('dd', { class: 'mono', dataset: { key: k } }, valueText(k, v))]))) : null,
        h('div', { class: 'cards wide' }, cards));
      stamp.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      if (ctx.isCurrent()) clear(body).append(errorBox(e, 'GET /_fluoro/health failed'));
    }
  };
  await load();
  const timer = setInterval(load, REFRESH_MS);
  return () => clearInterval(timer);
}
