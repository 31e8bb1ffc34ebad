import { h, clear, errorBox } from './dom.js';
import { currentRoute } from './router.js';
import { consoleSession, signOut } from './api.js';
import * as login from './pages/login.js';
import * as map from './pages/map.js';
import * as traces from './pages/traces.js';
import * as trace from './pages/trace.js';
import * as functions from './pages/functions.js';
import * as fnPage from './pages/function.js';
import * as sampling from './pages/sampling.js';
import * as groups from './pages/groups.js';
import * as healthPage from './pages/health.js';

// Hash routes: the server only ever serves "/", so deep links survive reloads without a server-side fallback.
const routes = [
  [/^\/?$/, map, 'map'],
  [/^\/map$/, map, 'map'],
  [/^\/traces$/, traces, 'traces'],
  [/^\/traces\/(.+)$/, trace, 'traces'],
  [/^\/local\/(.+)$/, trace, 'traces'],
  [/^\/functions$/, functions, 'functions'],
  [/^\/functions\/([^/]+)$/, fnPage, 'functions'],
  [/^\/sampling$/, sampling, 'sampling'],
  [/^\/groups$/, groups, 'groups'],
  [/^\/health$/, healthPage, 'health'],
];

let cleanup = null;
let generation = 0;
// { authRequired, authenticated } from the server; null until asked.
let session = null;
const AFTER_LOGIN = 'fluoro-after-login';

async function render() {
  const view = document.getElementById('view');
  const { path, query } = currentRoute();
  if (cleanup) { try { cleanup(); } catch { /* a page's teardown must not block the next page */ } cleanup = null; }
  const my = ++generation;
  const signedOut = session?.authRequired && !session.authenticated;
  document.body.classList.toggle('signed-out', Boolean(signedOut));
  document.getElementById('sign-out').hidden = !(session?.authRequired && session.authenticated);
  if (signedOut) {
    // Remember where the user was going; the server sends the browser to "/" after signing in.
    if (path !== '/login' && path !== '/') sessionStorage.setItem(AFTER_LOGIN, location.hash);
    clear(view);
    await login.render(view, [], path === '/login' ? query : new URLSearchParams());
    return;
  }
  if (path === '/login') { location.replace('#/map'); return; }
  const match = routes.map(([re, page, nav]) => [re.exec(path), page, nav, re]).find(([m]) => m);
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', match?.[2] === a.dataset.nav);
  clear(view);
  if (!match) {
    view.append(h('h1', null, 'Not found'), h('p', null, 'No console page at ', h('code', null, path), '. ', h('a', { href: '#/map' }, 'Open the service map')));
    return;
  }
  const [m, page, , re] = match;
  const params = m.slice(1).map(decodeURIComponent);
  const ctx = { local: re.source.startsWith('^\\/local'), isCurrent: () => my === generation };
  try {
    const result = await page.render(view, params, query, ctx);
    if (my === generation && typeof result === 'function') cleanup = result;
    else if (typeof result === 'function') result();
  } catch (e) {
    if (my !== generation) return;
    console.warn(e);
    view.append(errorBox(e, 'This page could not be shown'));
  }
}

function initTheme() {
  const root = document.documentElement;
  const saved = localStorage.getItem('fluoro-theme');
  if (saved === 'light' || saved === 'dark') root.dataset.theme = saved;
  const button = document.getElementById('theme-toggle');
  const label = () => {
    const dark = root.dataset.theme === 'dark' || (!root.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
    button.textContent = dark ? 'Light theme' : 'Dark theme';
    return dark;
  };
  label();
  button.addEventListener('click', () => {
    const next = label() ? 'light' : 'dark';
    root.dataset.theme = next;
    localStorage.setItem('fluoro-theme', next);
    label();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', label);
}

async function start() {
  try {
    session = await consoleSession();
  } catch {
    session = null; // an older server without the endpoint: no sign-in, behave as before
  }
  const resume = sessionStorage.getItem(AFTER_LOGIN);
  if (session?.authenticated && resume) {
    sessionStorage.removeItem(AFTER_LOGIN);
    if (location.hash === '' || location.hash === '#/') history.replaceState(null, '', resume);
  }
  document.getElementById('sign-out').addEventListener('click', async () => {
    try { await signOut(); } catch { /* the cookie may already be gone */ }
    session = { authRequired: true, authenticated: false };
    location.hash = '#/login';
    render();
  });
  // An API call answered with a signature error: the session expired or the server restarted with a new token.
  window.addEventListener('fluoro:signed-out', () => {
    if (!session?.authRequired || !session.authenticated) return;
    session = { authRequired: true, authenticated: false };
    render();
  });
  window.addEventListener('hashchange', render);
  render();
}

initTheme();
start();
