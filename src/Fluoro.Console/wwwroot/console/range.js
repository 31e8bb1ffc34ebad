import { h } from './dom.js';

export const RANGES = [
  ['300', 'Last 5 minutes'],
  ['900', 'Last 15 minutes'],
  ['3600', 'Last 1 hour'],
  ['21600', 'Last 6 hours'],
  ['86400', 'Last 24 hours'],
];
export const DEFAULT_RANGE = '3600';

/**
 * The [start, end) window for a range key, in epoch seconds. The end runs a minute ahead to absorb clock skew
 * between browser and senders, but the whole window never exceeds 24 hours, the longest one query accepts.
 */
export function windowOf(rangeKey) {
  const seconds = Number(rangeKey) || Number(DEFAULT_RANGE);
  const now = Math.ceil(Date.now() / 1000);
  const start = now - seconds;
  return { StartTime: start, EndTime: Math.min(now + 60, start + 86400), seconds };
}

export function rangeSelect(value, onChange) {
  const select = h('select', { 'aria-label': 'Time range', onchange: (e) => onChange(e.target.value) });
  for (const [key, label] of RANGES) select.append(h('option', { value: key, selected: key === value }, label));
  return select;
}
