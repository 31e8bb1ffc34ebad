import { h } from '../dom.js';

// Shown instead of every page while the server checks signatures (--auth-keys) and this browser has no session.
// The form is a plain POST to /login: the server sets the HttpOnly session cookie and sends the browser back to "/".

export async function render(view, params, query) {
  const failed = query.get('error') === 'invalid';
  const input = h('input', {
    id: 'login-token', name: 't', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    placeholder: 'token or the whole sign-in link', 'aria-describedby': 'login-help', size: 48,
  });
  const form = h('form', { method: 'post', action: '/login', class: 'login-form' },
    h('label', { for: 'login-token' }, 'Browser token'),
    input,
    h('button', { type: 'submit', class: 'btn primary' }, 'Sign in'));
  // Accept a pasted sign-in link too: keep only its t= value.
  form.addEventListener('submit', () => {
    const value = input.value.trim();
    const m = /[?&]t=([^&#\s]+)/.exec(value);
    input.value = m ? decodeURIComponent(m[1]) : value;
  });
  view.append(h('div', { class: 'panel pad login-panel', dataset: { page: 'login' } },
    h('h1', null, 'Sign in to the console'),
    h('p', { id: 'login-help' },
      'This Fluoro was started with ', h('code', null, '--auth-keys'), ', so every API call must be signed. ',
      'Open the sign-in link that ', h('code', null, 'fluoro up'), ' printed (', h('code', null, '/login?t=…'),
      '), or paste it or its token here.'),
    failed ? h('div', { class: 'alert', role: 'alert' }, h('span', { class: 'code' }, 'InvalidToken'),
      h('span', { class: 'message' }, 'That token is not the one this server printed at start-up. Tokens change on every restart.')) : null,
    form,
    h('p', { class: 'small muted' },
      'The AWS CLI and SDKs keep working with the keys from the keys file; the sign-in only applies to this browser.')));
  input.focus();
}
