// Small DOM helpers: every text goes through textContent, so data from traces never becomes markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'readOnly' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Creates an HTML element: h('div', {class: 'x'}, 'text', child). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  apply(el, props);
  return append(el, children);
}

/** Creates an SVG element; attributes are set verbatim. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props);
  return append(el, children);
}

export function clear(el) { el.replaceChildren(); return el; }

/** Shows an AWS error (code + message) in place. */
export function errorBox(err, prefix) {
  const code = err?.code ?? err?.name ?? 'Error';
  const message = err?.message ?? String(err);
  return h('div', { class: 'alert', role: 'alert' },
    prefix ? h('div', { class: 'small muted' }, prefix) : null,
    h('span', { class: 'code' }, code), h('span', { class: 'message' }, message));
}

export function fmtSeconds(sec) {
  if (sec === undefined || sec === null || Number.isNaN(sec)) return '—';
  if (sec === 0) return '0';
  if (sec < 0.001) return `${(sec * 1e6).toFixed(0)} µs`;
  if (sec < 1) return `${(sec * 1000).toFixed(sec < 0.01 ? 2 : 1)} ms`;
  if (sec < 60) return `${sec.toFixed(sec < 10 ? 2 : 1)} s`;
  return `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`;
}

export function fmtTime(epochSeconds) {
  if (!epochSeconds && epochSeconds !== 0) return '—';
  const d = new Date(epochSeconds * 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function fmtNumber(n) {
  if (typeof n !== 'number') return String(n ?? '—');
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function fmtBytes(n) {
  if (typeof n !== 'number') return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Status of an entity or summary: fault beats throttle beats error. */
export function statusOf(x) {
  if (!x) return 'ok';
  if (x.fault || x.HasFault) return 'fault';
  if (x.throttle || x.HasThrottle) return 'throttle';
  if (x.error || x.HasError) return 'error';
  if (x.in_progress || x.IsPartial) return 'pending';
  const status = x.http?.response?.status ?? x.Http?.HttpStatus;
  if (status >= 500) return 'fault';
  if (status === 429) return 'throttle';
  if (status >= 400) return 'error';
  return 'ok';
}

export function badge(status, text) {
  return h('span', { class: `badge ${status}` }, text ?? status);
}

/** Tab strip; calls onSelect(key) and marks the chosen tab. */
export function tabs(items, selected, onSelect) {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  for (const [key, label] of items) {
    bar.append(h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(key === selected), dataset: { tab: key },
      onclick: () => onSelect(key),
    }, label));
  }
  return bar;
}

export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function kv(pairs) {
  const dl = h('dl', { class: 'kv' });
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === '') continue;
    dl.append(h('dt', null, k), h('dd', null, v instanceof Node ? v : String(v)));
  }
  return dl;
}
