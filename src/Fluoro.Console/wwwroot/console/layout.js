// A small layered layout for the service map: clients on the left, entry services next, then each
// downstream hop one column further right. Longest-path layering keeps every edge pointing right
// when the graph has no cycles; cycles are cut by bounding the relaxation.

export function layeredLayout(nodes, edges, opts = {}) {
  const colWidth = opts.colWidth ?? 250;
  const rowHeight = opts.rowHeight ?? 125;
  const margin = opts.margin ?? { x: 110, y: 70 };
  const ids = nodes.map((n) => n.id);
  const incoming = new Map(ids.map((id) => [id, []]));
  const outgoing = new Map(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!incoming.has(e.to) || !outgoing.has(e.from) || e.from === e.to) continue;
    incoming.get(e.to).push(e.from);
    outgoing.get(e.from).push(e.to);
  }
  const hasClients = nodes.some((n) => n.kind === 'client');
  const layer = new Map();
  for (const n of nodes) {
    if (n.kind === 'client') layer.set(n.id, 0);
    else if (n.root || incoming.get(n.id).length === 0) layer.set(n.id, hasClients ? 1 : 0);
  }
  // Bellman-Ford style relaxation; at most |V| rounds so a cycle cannot push layers forever.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      if (!layer.has(e.from) || !incoming.has(e.to) || e.from === e.to) continue;
      const candidate = layer.get(e.from) + 1;
      if (!layer.has(e.to) || (layer.get(e.to) < candidate && candidate <= nodes.length)) {
        if (nodes.find((n) => n.id === e.to)?.kind === 'client') continue;
        layer.set(e.to, candidate);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const n of nodes) if (!layer.has(n.id)) layer.set(n.id, hasClients ? 1 : 0);

  const columns = [];
  for (const n of nodes) {
    const l = layer.get(n.id);
    (columns[l] ??= []).push(n);
  }
  const compact = columns.filter(Boolean);
  for (const col of compact) col.sort((a, b) => a.label.localeCompare(b.label));
  // Two barycentre sweeps reduce crossings: order each column by the mean row of its callers.
  const rowOf = new Map();
  const indexRows = () => compact.forEach((col) => col.forEach((n, i) => rowOf.set(n.id, i)));
  indexRows();
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const col of compact.slice(1)) {
      const key = (n) => {
        const preds = incoming.get(n.id);
        return preds.length ? preds.reduce((sum, p) => sum + rowOf.get(p), 0) / preds.length : rowOf.get(n.id);
      };
      col.sort((a, b) => key(a) - key(b) || a.label.localeCompare(b.label));
      indexRows();
    }
  }
  const tallest = Math.max(1, ...compact.map((c) => c.length));
  const positions = new Map();
  compact.forEach((col, ci) => {
    const offset = ((tallest - col.length) * rowHeight) / 2;
    col.forEach((n, ri) => positions.set(n.id, { x: margin.x + ci * colWidth, y: margin.y + offset + ri * rowHeight, layer: ci }));
  });
  return {
    positions,
    width: margin.x * 2 + (compact.length - 1) * colWidth + 60,
    height: margin.y * 2 + (tallest - 1) * rowHeight + 40,
  };
}
