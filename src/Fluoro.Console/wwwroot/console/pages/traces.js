import { h, clear, errorBox, fmtSeconds, fmtTime, statusOf, badge } from '../dom.js';
import { XRay } from '../api.js';
import { navigate, replaceQuery, href } from '../router.js';
import { rangeSelect, windowOf, DEFAULT_RANGE } from '../range.js';
import { histogram } from '../histogram.js';
import { parseTraceFile, putImported, listImported } from '../store.js';

// X-Ray may answer an empty page with a NextToken while it is still scanning; keep asking a few times.
const MAX_EMPTY_PAGES = 10;

export function narrowFilter(filter, from, to) {
  const range = `responsetime >= ${from} AND responsetime <= ${to}`;
  const current = filter.trim();
  if (!current) return range;
  return /\bOR\b/i.test(current) ? `(${current}) AND ${range}` : `${current} AND ${range}`;
}

function annotationChips(annotations) {
  const chips = [];
  for (const [key, values] of Object.entries(annotations ?? {})) {
    for (const v of values ?? []) {
      const av = v.AnnotationValue ?? {};
      const value = av.StringValue ?? av.NumberValue ?? av.BooleanValue;
      chips.push(h('span', { class: 'chip' }, `${key}=${value}`));
    }
  }
  return chips;
}

function statusCell(summary) {
  const st = statusOf(summary);
  const http = summary.Http?.HttpStatus;
  return h('td', null, badge(st, st === 'pending' ? 'partial' : st), http ? ` ${http}` : '');
}

export async function render(view, _params, query, ctx) {
  let filter = query.get('filter') ?? '';
  const range = query.get('range') || DEFAULT_RANGE;

  const input = h('input', {
    type: 'text', class: 'grow mono', id: 'filter-expression', 'aria-label': 'Filter expression', value: filter,
    placeholder: 'Filter expression, e.g. service("api") { fault } AND responsetime > 1', spellcheck: 'false', autocomplete: 'off',
  });
  const run = () => navigate('/traces', { filter: input.value.trim(), range });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') run(); });
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'aria-label': 'Import traces file' });
  const importMsg = h('div');
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    try {
      const traces = parseTraceFile(await file.text());
      traces.forEach(putImported);
      if (traces.length === 1) navigate(`/local/${traces[0].Id}`);
      else { clear(importMsg); showImported(); }
    } catch (e) {
      clear(importMsg).append(errorBox({ code: 'ImportFailed', message: e.message }));
    }
  });

  const errorArea = h('div', { class: 'filter-error' });
  const summaryLine = h('div', { class: 'muted small' });
  const histoPanel = h('div', { class: 'panel pad' });
  const tableBody = h('tbody');
  const moreButton = h('button', { type: 'button', class: 'btn', hidden: true }, 'Load more');
  const localArea = h('div');

  view.append(
    h('h1', null, 'Traces'),
    h('div', { class: 'toolbar' },
      input, rangeSelect(range, (r) => navigate('/traces', { filter: input.value.trim(), range: r })),
      h('button', { type: 'button', class: 'btn primary', id: 'run-query', onclick: run }, 'Run query'),
      h('button', { type: 'button', class: 'btn', onclick: () => fileInput.click() }, 'Import file'), fileInput),
    errorArea, importMsg, localArea,
    h('h2', null, 'Response time distribution'),
    h('p', { class: 'muted small' }, 'For the traces listed below. Drag across the chart (or click a bar) to narrow the query to that response-time range.'),
    histoPanel,
    h('div', { class: 'toolbar', style: { marginTop: '12px' } }, h('h2', { style: { margin: 0 } }, 'Results'), summaryLine),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'trace-list' },
      h('thead', null, h('tr', null, ...['ID', 'Start time', 'Response time', 'Duration', 'Status', 'Method', 'URL', 'Annotations'].map((c, i) => h('th', { class: i === 2 || i === 3 ? 'num' : null }, c)))),
      tableBody)),
    h('div', { class: 'pager' }, moreButton));

  function showImported() {
    clear(localArea);
    const items = listImported();
    if (!items.length) return;
    localArea.append(h('div', { class: 'notice' }, h('strong', null, 'Imported traces (this tab only): '),
      ...items.map((t) => h('a', { class: 'chip mono', href: href(`/local/${t.Id}`) }, t.Id))));
  }
  showImported();

  const summaries = [];
  const win = windowOf(range);
  let nextToken;
  let processed = 0;

  const drawHistogram = () => {
    clear(histoPanel);
    const values = summaries.map((t) => t.ResponseTime ?? t.Duration ?? 0);
    if (!values.length) { histoPanel.append(h('span', { class: 'muted' }, 'No traces to chart.')); return; }
    histoPanel.append(histogram(values, (from, to) => navigate('/traces', { filter: narrowFilter(input.value, from, to), range }), histoPanel.clientWidth - 26));
  };

  // One DOM write per page of results: rows are built off-document, then inserted together (one layout, not 100).
  const appendRows = (items) => {
    const rows = document.createDocumentFragment();
    for (const t of items) {
      rows.append(h('tr', { dataset: { traceId: t.Id } },
        h('td', { class: 'mono' }, h('a', { href: href(`/traces/${t.Id}`) }, t.Id)),
        h('td', null, fmtTime(t.StartTime)),
        h('td', { class: 'num' }, fmtSeconds(t.ResponseTime)),
        h('td', { class: 'num' }, fmtSeconds(t.Duration)),
        statusCell(t),
        h('td', null, t.Http?.HttpMethod ?? ''),
        h('td', { class: 'url', title: t.Http?.HttpURL ?? '' }, t.Http?.HttpURL ?? ''),
        h('td', null, annotationChips(t.Annotations))));
    }
    tableBody.append(rows);
  };

  const load = async () => {
    moreButton.disabled = true;
    let empty = 0;
    try {
      do {
        const req = { StartTime: win.StartTime, EndTime: win.EndTime, Sampling: false };
        if (filter) req.FilterExpression = filter;
        if (nextToken) req.NextToken = nextToken;
        const page = await XRay.traceSummaries(req);
        if (!ctx.isCurrent()) return;
        const items = page.TraceSummaries ?? [];
        processed += page.TracesProcessedCount ?? 0;
        summaries.push(...items);
        appendRows(items);
        nextToken = page.NextToken;
        empty = items.length ? MAX_EMPTY_PAGES : empty + 1;
      } while (nextToken && empty < MAX_EMPTY_PAGES);
    } catch (e) {
      if (!ctx.isCurrent()) return;
      clear(errorArea).append(errorBox(e, filter ? 'The filter expression was rejected or the query failed' : 'GetTraceSummaries failed'));
      summaryLine.textContent = '';
      moreButton.hidden = true;
      return;
    } finally {
      moreButton.disabled = false;
    }
    const plural = (n, word) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    summaryLine.textContent = `${plural(summaries.length, 'trace')} shown${processed ? `, ${processed.toLocaleString('en-US')} scanned` : ''}${nextToken ? ' (more with Load more)' : ''}`;
    moreButton.hidden = !nextToken;
    if (!summaries.length) tableBody.append(h('tr', null, h('td', { colspan: 8, class: 'muted' }, 'No traces match in this time range.')));
    drawHistogram();
  };
  moreButton.addEventListener('click', load);
  replaceQuery({ filter, range });
  await load();
}
