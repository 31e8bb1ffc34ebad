import { statusOf } from './dom.js';

/**
 * Turns a BatchGetTraces trace into a tree of entities (segments, subsegments, inferred segments),
 * nested by parent id and sorted by start time, with the critical path marked.
 */
export function buildTrace(trace) {
  const entities = [];
  const byId = new Map();
  const segments = [];

  const make = (doc, kind, parent, service) => {
    const start = Number(doc.start_time) || 0;
    const inProgress = !!doc.in_progress || doc.end_time === undefined || doc.end_time === null;
    const end = inProgress ? start : Number(doc.end_time) || start;
    const e = {
      id: String(doc.id ?? `anon-${entities.length}`), name: String(doc.name ?? '(unnamed)'), start, end, inProgress,
      kind, doc, parent, children: [], depth: 0, critical: false, service: service ?? doc.name,
      origin: doc.origin, namespace: doc.namespace, status: statusOf(doc),
    };
    entities.push(e);
    if (!byId.has(e.id)) byId.set(e.id, e);
    for (const sub of Array.isArray(doc.subsegments) ? doc.subsegments : []) {
      if (!sub || typeof sub !== 'object') continue;
      e.children.push(make(sub, 'subsegment', e, e.service));
    }
    return e;
  };

  for (const seg of trace.Segments ?? []) {
    let doc;
    try { doc = typeof seg.Document === 'string' ? JSON.parse(seg.Document) : seg.Document; } catch { doc = null; }
    if (!doc || typeof doc !== 'object') continue;
    const kind = doc.inferred ? 'inferred' : doc.type === 'subsegment' ? 'subsegment' : 'segment';
    segments.push(make(doc, kind, null, doc.name));
  }

  const roots = [];
  for (const seg of segments) {
    const parentId = seg.doc.parent_id;
    const parent = parentId ? byId.get(String(parentId)) : undefined;
    if (parent && parent !== seg && !isAncestor(seg, parent)) {
      seg.parent = parent;
      parent.children.push(seg);
      if (seg.kind === 'subsegment') seg.service = parent.service;
    } else {
      roots.push(seg);
    }
  }

  // In-progress entities have no end yet: draw them to the latest known end of the trace.
  const finished = entities.filter((e) => !e.inProgress);
  const start = entities.length ? Math.min(...entities.map((e) => e.start)) : 0;
  let end = finished.length ? Math.max(...finished.map((e) => e.end)) : start;
  if (end <= start) end = start + 0.001;
  for (const e of entities) if (e.inProgress) e.end = Math.max(e.start, end);

  const byStart = (a, b) => a.start - b.start || a.name.localeCompare(b.name);
  roots.sort(byStart);
  const ordered = [];
  const walk = (e, depth) => {
    e.depth = depth;
    ordered.push(e);
    e.children.sort(byStart);
    for (const c of e.children) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);

  for (const r of roots) markCritical(r, r.end);

  return {
    id: trace.Id, trace, start, end, duration: trace.Duration ?? end - start, entities: ordered, roots,
    segmentCount: segments.length, byId,
  };
}

function isAncestor(candidate, node) {
  for (let p = node.parent; p; p = p.parent) if (p === candidate) return true;
  return false;
}

/**
 * Critical path: walking back from the end of an entity, the child that finished last before the cursor
 * is what the entity waited on; recurse into it and move the cursor to where it began.
 */
function markCritical(entity, until) {
  const stack = [[entity, until]];
  while (stack.length) {
    const [e, limit] = stack.pop();
    e.critical = true;
    let cursor = Math.min(e.end, limit);
    const kids = e.children.filter((k) => !k.inProgress).sort((a, b) => b.end - a.end);
    let first = true;
    for (const k of kids) {
      // The last child to finish is on the path even when it ends a little after its parent (clock skew, or a
      // Lambda function segment outliving the service segment that recorded the call); later ones must fit.
      if (k.start >= cursor || (!first && k.end > cursor + 1e-6)) continue;
      stack.push([k, Math.max(cursor, k.end)]);
      cursor = k.start;
      first = false;
    }
  }
}

/** Finds an exception by id anywhere in the trace (a cause may refer to one recorded elsewhere). */
export function findException(model, exceptionId) {
  for (const e of model.entities) {
    for (const ex of e.doc.cause?.exceptions ?? []) if (ex.id === exceptionId) return { entity: e, exception: ex };
  }
  return null;
}
