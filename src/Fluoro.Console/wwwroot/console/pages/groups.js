import { h, clear, errorBox } from '../dom.js';
import { XRay, allPages } from '../api.js';
import { href } from '../router.js';

export async function render(view, _params, _query, ctx) {
  const formArea = h('div');
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading groups…'));
  const createButton = h('button', { type: 'button', class: 'btn primary', id: 'create-group' }, 'Create group');
  view.append(h('h1', null, 'Groups'),
    h('p', { class: 'muted' }, 'A group is a named filter expression. New traces that match it belong to the group, and the service map can be scoped to it.'),
    h('div', { class: 'toolbar' }, createButton), formArea, body);

  const reload = async () => {
    let groups;
    try {
      groups = await allPages((token) => XRay.groups(token), 'Groups');
    } catch (e) {
      if (ctx.isCurrent()) clear(body).append(errorBox(e, 'GetGroups failed'));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(body);
    if (!groups.length) { body.append(h('div', { class: 'notice' }, 'No groups yet. Every trace is in the implicit Default group.')); return; }
    groups.sort((a, b) => a.GroupName.localeCompare(b.GroupName));
    body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'group-list' },
      h('thead', null, h('tr', null, ...['Name', 'Filter expression', 'Insights', 'ARN', ''].map((c) => h('th', null, c)))),
      h('tbody', null, groups.map(groupRow)))));
  };

  const groupRow = (g) => {
    const del = h('button', { type: 'button', class: 'btn danger' }, 'Delete');
    del.addEventListener('click', async () => {
      if (del.dataset.armed !== 'true') { del.dataset.armed = 'true'; del.textContent = 'Confirm delete'; return; }
      del.disabled = true;
      try { await XRay.deleteGroup(g.GroupName); await reload(); } catch (e) { clear(formArea).append(errorBox(e, 'DeleteGroup failed')); del.disabled = false; }
    });
    return h('tr', { dataset: { group: g.GroupName } },
      h('td', null, g.GroupName), h('td', { class: 'mono' }, g.FilterExpression ?? ''),
      h('td', null, g.InsightsConfiguration?.InsightsEnabled ? 'on' : 'off'), h('td', { class: 'mono small' }, g.GroupARN ?? ''),
      h('td', { style: { whiteSpace: 'nowrap' } },
        h('a', { class: 'btn', href: href('/map', { group: g.GroupName }) }, 'Map'), ' ',
        g.FilterExpression ? h('a', { class: 'btn', href: href('/traces', { filter: g.FilterExpression }) }, 'Traces') : null, ' ',
        h('button', { type: 'button', class: 'btn', onclick: () => openForm(g) }, 'Edit'), ' ', del));
  };

  const closeForm = () => { clear(formArea); createButton.hidden = false; };
  const openForm = (existing) => {
    const name = h('input', { type: 'text', name: 'GroupName', value: existing?.GroupName ?? '', readOnly: !!existing, 'aria-label': 'Group name' });
    const filter = h('input', { type: 'text', name: 'FilterExpression', class: 'mono', value: existing?.FilterExpression ?? '', 'aria-label': 'Group filter expression', style: { width: '100%' } });
    const insights = h('input', { type: 'checkbox', checked: !!existing?.InsightsConfiguration?.InsightsEnabled, 'aria-label': 'Enable insights' });
    const error = h('div');
    const submit = h('button', { type: 'submit', class: 'btn primary' }, existing ? 'Save changes' : 'Create group');
    const form = h('form', { class: 'panel pad inline-form', id: 'group-form', novalidate: true },
      h('h2', { style: { marginTop: 0 } }, existing ? `Edit group ${existing.GroupName}` : 'New group'),
      h('div', { class: 'form-grid', style: { gridTemplateColumns: '220px 1fr' } },
        h('label', null, 'Group name', name), h('label', null, 'Filter expression', filter)),
      h('label', { class: 'switch', style: { marginTop: '8px' } }, insights, 'Insights'),
      error,
      h('div', { class: 'toolbar', style: { marginTop: '10px' } }, submit, h('button', { type: 'button', class: 'btn', onclick: closeForm }, 'Cancel')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      clear(error);
      const input = { GroupName: name.value.trim(), FilterExpression: filter.value.trim(), InsightsConfiguration: { InsightsEnabled: insights.checked, NotificationsEnabled: false } };
      try {
        if (existing) await XRay.updateGroup(input); else await XRay.createGroup(input);
        closeForm();
        await reload();
      } catch (e) {
        error.append(errorBox(e, existing ? 'UpdateGroup failed' : 'CreateGroup failed'));
      } finally {
        submit.disabled = false;
      }
    });
    createButton.hidden = true;
    clear(formArea).append(form);
    (existing ? filter : name).focus();
  };
  createButton.addEventListener('click', () => openForm(null));
  await reload();
}
