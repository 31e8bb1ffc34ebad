import { h, clear, errorBox, fmtBytes } from '../dom.js';
import { Lambda } from '../api.js';
import { href } from '../router.js';

export async function render(view, _params, _query, ctx) {
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading functions…'));
  view.append(h('h1', null, 'Functions'), body);
  let functions;
  try {
    functions = await Lambda.listFunctions();
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e, 'ListFunctions failed'));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (!functions.length) {
    body.append(h('div', { class: 'notice' }, 'No functions yet. Create one with ',
      h('code', null, 'aws lambda create-function --endpoint-url http://127.0.0.1:4566 …'), '.'));
    return;
  }
  functions.sort((a, b) => a.FunctionName.localeCompare(b.FunctionName));
  body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'function-list' },
    h('thead', null, h('tr', null, ...['Function name', 'Runtime', 'Handler', 'Code size', 'Memory', 'Timeout', 'X-Ray tracing', 'Last modified'].map((c) => h('th', null, c)))),
    h('tbody', null, functions.map((f) => h('tr', { dataset: { function: f.FunctionName } },
      h('td', null, h('a', { href: href(`/functions/${encodeURIComponent(f.FunctionName)}`) }, f.FunctionName)),
      h('td', null, f.Runtime ?? (f.PackageType === 'Image' ? 'container image' : '—')),
      h('td', { class: 'mono' }, f.Handler ?? ''),
      h('td', null, fmtBytes(f.CodeSize)),
      h('td', null, f.MemorySize ? `${f.MemorySize} MB` : '—'),
      h('td', null, f.Timeout ? `${f.Timeout} s` : '—'),
      h('td', null, f.TracingConfig?.Mode === 'Active' ? h('span', { class: 'badge ok' }, 'Active') : (f.TracingConfig?.Mode ?? 'PassThrough')),
      h('td', null, f.LastModified ?? '')))))));
}
