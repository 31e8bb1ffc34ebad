// Hash routing helpers shared by the pages (kept apart from app.js so pages never import the shell).

const clean = (query) => new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();

export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/map';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const search = i < 0 ? '' : raw.slice(i + 1);
  return { path, query: new URLSearchParams(search) };
}

export function href(path, query) {
  const qs = clean(query);
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/** Navigates within the console; re-renders even when the target equals the current location. */
export function navigate(path, query) {
  const target = href(path, query);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** Rewrites the current route's query without re-rendering (keeps reloads and links faithful to the view). */
export function replaceQuery(query) {
  history.replaceState(null, '', href(currentRoute().path, query));
}
