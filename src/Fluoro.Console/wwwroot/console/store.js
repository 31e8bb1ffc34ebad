// Traces imported from a file live only in this tab's memory; nothing is sent to the server.

const imported = new Map();

export function putImported(trace) { imported.set(trace.Id, trace); }
export function getImported(id) { return imported.get(id); }
export function listImported() { return [...imported.values()]; }

/**
 * Accepts what people actually have on disk: a BatchGetTraces answer ({Traces: [...]}), a list of traces,
 * one trace ({Id, Segments}), or raw segment documents (one object, a list, or newline-delimited).
 */
export function parseTraceFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('{"format"'));
    try { data = lines.map((l) => JSON.parse(l)); } catch (e) { throw new Error(`The file is not JSON: ${e.message}`); }
  }
  const traces = [];
  const loose = new Map();
  const addDoc = (doc) => {
    const id = doc.trace_id;
    if (!id) throw new Error('A segment document has no trace_id.');
    if (!loose.has(id)) loose.set(id, []);
    loose.get(id).push({ Id: doc.id, Document: JSON.stringify(doc) });
  };
  const visit = (item) => {
    if (Array.isArray(item)) { item.forEach(visit); return; }
    if (!item || typeof item !== 'object') throw new Error('Unexpected value in the file.');
    if (Array.isArray(item.Traces)) { item.Traces.forEach(visit); return; }
    if (item.Id && Array.isArray(item.Segments)) { traces.push(item); return; }
    if (item.trace_id && item.id) { addDoc(item); return; }
    throw new Error('The file holds neither traces ({"Traces": [...]}) nor segment documents.');
  };
  visit(data);
  for (const [id, segments] of loose) traces.push({ Id: id, Segments: segments });
  if (!traces.length) throw new Error('The file holds no traces.');
  return traces;
}
