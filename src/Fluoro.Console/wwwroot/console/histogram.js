import { s, fmtSeconds } from './dom.js';

/**
 * Response-time histogram. Dragging across it (or clicking one bar) reports a [from, to] range in seconds.
 */
export function histogram(values, onSelect, pixelWidth = 800) {
  // Drawn at the container's pixel width so text keeps its shape; the SVG still scales if the window does.
  const W = Math.max(320, Math.round(pixelWidth)); const H = 120; const padL = 34; const padB = 18; const padT = 6;
  const svg = s('svg', { class: 'histogram', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Response time distribution' });
  if (!values.length) return svg;
  let max = 0; let min = Infinity;
  for (const v of values) { if (v > max) max = v; if (v < min) min = v; }
  max = max || 0.001;
  // The axis starts at zero unless every value sits in the upper half (a narrowed query): then it starts just
  // below the smallest value, so the bars spread out instead of piling up at the right edge.
  let lo = 0;
  if (min > max / 2) {
    const pad = max - min > 1e-6 ? (max - min) * 0.1 : max * 0.1;
    lo = Math.max(0, Math.floor((min - pad) * 1000) / 1000);
    max += max - min > 1e-6 ? 0 : pad;
  }
  const span = max - lo;
  const bins = Math.min(40, Math.max(8, Math.ceil(Math.sqrt(values.length) * 2)));
  const width = span / bins;
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)))]++;
  const top = Math.max(...counts);
  const plotW = W - padL - 6; const plotH = H - padB - padT;
  const xOf = (sec) => padL + ((sec - lo) / span) * plotW;
  const secOf = (x) => Math.max(lo, Math.min(max, lo + ((x - padL) / plotW) * span));
  svg.append(s('line', { class: 'axis', x1: padL, y1: H - padB, x2: W - 6, y2: H - padB }));
  svg.append(s('text', { x: padL - 4, y: padT + 8, 'text-anchor': 'end' }, String(top)));
  svg.append(s('text', { x: padL - 4, y: H - padB, 'text-anchor': 'end' }, '0'));
  for (let i = 0; i <= 4; i++) {
    const at = lo + (span * i) / 4;
    svg.append(s('text', { x: xOf(at), y: H - 4, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' }, fmtSeconds(at)));
  }
  counts.forEach((count, i) => {
    if (!count) return;
    const bh = (count / top) * plotH;
    const from = lo + i * width; const to = lo + (i + 1) * width;
    svg.append(s('rect', { class: 'bar', x: xOf(from) + 0.5, y: H - padB - bh, width: Math.max(1, (plotW / bins) - 1), height: bh, dataset: { from, to } },
      s('title', null, `${count} trace${count === 1 ? '' : 's'}, ${fmtSeconds(from)} – ${fmtSeconds(to)}`)));
  });
  const sel = s('rect', { class: 'sel', x: 0, y: padT, width: 0, height: plotH, visibility: 'hidden' });
  svg.append(sel);
  const toLocal = (ev) => {
    const rect = svg.getBoundingClientRect();
    return ((ev.clientX - rect.left) / rect.width) * W;
  };
  let start = null;
  svg.addEventListener('pointerdown', (ev) => { start = toLocal(ev); svg.setPointerCapture(ev.pointerId); sel.setAttribute('visibility', 'visible'); sel.setAttribute('x', start); sel.setAttribute('width', 0); });
  svg.addEventListener('pointermove', (ev) => {
    if (start === null) return;
    const x = toLocal(ev);
    sel.setAttribute('x', Math.min(start, x)); sel.setAttribute('width', Math.abs(x - start));
  });
  svg.addEventListener('pointerup', (ev) => {
    if (start === null) return;
    const x = toLocal(ev);
    let a = secOf(Math.min(start, x)); let b = secOf(Math.max(start, x));
    start = null;
    if (Math.abs(xOf(b) - xOf(a)) < 3) {
      // A click selects the bin under the pointer.
      const i = Math.max(0, Math.min(bins - 1, Math.floor((a - lo) / width)));
      a = lo + i * width; b = lo + (i + 1) * width;
    }
    onSelect(Math.floor(a * 1000) / 1000, Math.ceil(b * 1000) / 1000);
  });
  return svg;
}
