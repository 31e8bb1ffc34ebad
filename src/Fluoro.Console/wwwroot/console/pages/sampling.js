import { h, clear, errorBox, fmtTime } from '../dom.js';
import { XRay, allPages } from '../api.js';

const FIELDS = [
  ['RuleName', 'Rule name', 'text'], ['Priority', 'Priority (1–9999)', 'number'], ['ReservoirSize', 'Reservoir size (per second)', 'number'],
  ['FixedRate', 'Fixed rate (0–1)', 'number'], ['ServiceName', 'Service name', 'text'], ['ServiceType', 'Service type', 'text'],
  ['Host', 'Host', 'text'], ['HTTPMethod', 'HTTP method', 'text'], ['URLPath', 'URL path', 'text'], ['ResourceARN', 'Resource ARN', 'text'],
];
const DEFAULTS = { RuleName: '', Priority: '1000', ReservoirSize: '1', FixedRate: '0.05', ServiceName: '*', ServiceType: '*', Host: '*', HTTPMethod: '*', URLPath: '*', ResourceARN: '*' };
const NUMERIC = new Set(['Priority', 'ReservoirSize', 'FixedRate']);

export async function render(view, _params, _query, ctx) {
  const formArea = h('div');
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading sampling rules…'));
  const createButton = h('button', { type: 'button', class: 'btn primary', id: 'create-rule' }, 'Create sampling rule');
  view.append(h('h1', null, 'Sampling rules'),
    h('p', { class: 'muted' }, 'SDKs poll these rules through the daemon and apply them in ascending priority. Each rule keeps a reservoir of requests per second, then samples a fixed rate of the rest.'),
    h('div', { class: 'toolbar' }, createButton), formArea, body);

  const reload = async () => {
    let records;
    try {
      records = await allPages((token) => XRay.samplingRules(token), 'SamplingRuleRecords');
    } catch (e) {
      if (ctx.isCurrent()) clear(body).append(errorBox(e, 'GetSamplingRules failed'));
      return;
    }
    if (!ctx.isCurrent()) return;
    records.sort((a, b) => (a.SamplingRule?.Priority ?? 0) - (b.SamplingRule?.Priority ?? 0));
    clear(body).append(h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'rule-list' },
      h('thead', null, h('tr', null, ...['Name', 'Priority', 'Reservoir', 'Rate', 'Service name', 'Service type', 'Host', 'Method', 'URL path', 'Resource ARN', 'Modified', ''].map((c) => h('th', null, c)))),
      h('tbody', null, records.map((rec) => ruleRow(rec))))));
  };

  const ruleRow = (rec) => {
    const r = rec.SamplingRule ?? {};
    const actions = h('td', { style: { whiteSpace: 'nowrap' } });
    const editBtn = h('button', { type: 'button', class: 'btn', onclick: () => openForm(r) }, 'Edit');
    actions.append(editBtn);
    if (r.RuleName !== 'Default') {
      const del = h('button', { type: 'button', class: 'btn danger' }, 'Delete');
      del.addEventListener('click', async () => {
        // Two-step delete in the page itself: no browser dialog to block automation or surprise users.
        if (del.dataset.armed !== 'true') { del.dataset.armed = 'true'; del.textContent = 'Confirm delete'; return; }
        del.disabled = true;
        try { await XRay.deleteSamplingRule(r.RuleName); await reload(); } catch (e) { clear(formArea).append(errorBox(e, 'DeleteSamplingRule failed')); del.disabled = false; }
      });
      actions.append(' ', del);
    }
    return h('tr', { dataset: { rule: r.RuleName } },
      h('td', null, r.RuleName), h('td', { class: 'num' }, String(r.Priority ?? '')), h('td', { class: 'num' }, String(r.ReservoirSize ?? '')),
      h('td', { class: 'num' }, r.FixedRate !== undefined ? `${+(r.FixedRate * 100).toFixed(4)}%` : ''),
      h('td', null, r.ServiceName ?? ''), h('td', null, r.ServiceType ?? ''), h('td', null, r.Host ?? ''), h('td', null, r.HTTPMethod ?? ''),
      h('td', null, r.URLPath ?? ''), h('td', null, r.ResourceARN ?? ''), h('td', null, rec.ModifiedAt ? fmtTime(rec.ModifiedAt) : ''), actions);
  };

  const closeForm = () => { clear(formArea); createButton.hidden = false; };
  const openForm = (existing) => {
    const editing = !!existing;
    const isDefault = existing?.RuleName === 'Default';
    const inputs = {};
    const grid = h('div', { class: 'form-grid' });
    for (const [key, label, type] of FIELDS) {
      const value = existing ? String(existing[key] ?? '') : DEFAULTS[key];
      const locked = (editing && key === 'RuleName') || (isDefault && !['FixedRate', 'ReservoirSize'].includes(key));
      const input = h('input', { type, name: key, value, readOnly: locked, step: key === 'FixedRate' ? 'any' : undefined, 'aria-label': label });
      inputs[key] = input;
      grid.append(h('label', null, label, input));
    }
    const error = h('div');
    const submit = h('button', { type: 'submit', class: 'btn primary' }, editing ? 'Save changes' : 'Create sampling rule');
    const form = h('form', { class: 'panel pad inline-form', id: 'rule-form', novalidate: true },
      h('h2', { style: { marginTop: 0 } }, editing ? `Edit rule ${existing.RuleName}` : 'New sampling rule'), grid, error,
      h('div', { class: 'toolbar', style: { marginTop: '10px' } }, submit, h('button', { type: 'button', class: 'btn', onclick: closeForm }, 'Cancel')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const values = {};
      for (const [key] of FIELDS) {
        const raw = inputs[key].value.trim();
        // Numbers go to the API as numbers; anything unparsable goes as typed so the API's own validation answers.
        values[key] = NUMERIC.has(key) ? (raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw)) : raw;
      }
      submit.disabled = true;
      clear(error);
      try {
        if (editing) {
          const update = { RuleName: existing.RuleName };
          for (const [key] of FIELDS) {
            if (key === 'RuleName') continue;
            if (isDefault && !['FixedRate', 'ReservoirSize'].includes(key)) continue;
            if (String(values[key]) !== String(existing[key] ?? '')) update[key] = values[key];
          }
          await XRay.updateSamplingRule(update);
        } else {
          await XRay.createSamplingRule({ ...values, Version: 1 });
        }
        closeForm();
        await reload();
      } catch (e) {
        error.append(errorBox(e, editing ? 'UpdateSamplingRule failed' : 'CreateSamplingRule failed'));
      } finally {
        submit.disabled = false;
      }
    });
    // While a form is open its own submit button is the only "Create …" button on the page.
    createButton.hidden = true;
    clear(formArea).append(form);
    (editing ? inputs.Priority : inputs.RuleName).focus();
  };
  createButton.addEventListener('click', () => openForm(null));
  await reload();
}
