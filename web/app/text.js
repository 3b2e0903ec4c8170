// Code-point spans over a JS (UTF-16) string, and rendering text with (possibly overlapping) marks.
//
// Every span of the API counts Unicode code points; JS strings index UTF-16 code units. A
// CodePoints holds the text's code points once, so slicing by code point is exact even with
// characters outside the BMP (rare Han characters of Extension B, emoji).

export class CodePoints {
  constructor(text) {
    this.points = Array.from(text || '');
  }
  get length() {
    return this.points.length;
  }
  slice(begin, end) {
    return this.points.slice(begin, end).join('');
  }
}

// Renders `text` (a string or CodePoints) into `container` with marks
// [{begin, end, tag?, attrs: {class, dataset, id, title…}, order?}] (code points). Overlapping
// marks nest when one contains the other; a mark crossing another's edge is split into pieces,
// each with the same attributes; only the first piece keeps the id, the others get class
// "cont". Returns {elements: Map(mark → [elements])}.
export function renderMarked(container, text, marks, makeElement) {
  const cp = text instanceof CodePoints ? text : new CodePoints(text);
  const n = cp.length;
  const valid = marks
    .map((m, i) => ({ ...m, begin: clamp(m.begin, n), end: clamp(m.end, n), index: i }))
    .filter((m) => m.end > m.begin);
  // Outer marks first: earlier begin, then later end, then lower order.
  valid.sort((a, b) => a.begin - b.begin || b.end - a.end || (a.order || 0) - (b.order || 0) || a.index - b.index);
  const rank = new Map(valid.map((m, i) => [m, i]));
  const bounds = new Set([0, n]);
  for (const m of valid) {
    bounds.add(m.begin);
    bounds.add(m.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  // Marks starting at each boundary, for a sweep.
  const starts = new Map();
  for (const m of valid) {
    if (!starts.has(m.begin)) starts.set(m.begin, []);
    starts.get(m.begin).push(m);
  }
  const elements = new Map();
  const active = new Set();
  const stack = []; // [{mark, el}]
  const frag = document.createDocumentFragment();
  const top = () => (stack.length ? stack[stack.length - 1].el : frag);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    for (const m of starts.get(a) || []) active.add(m);
    for (const m of [...active]) if (m.end <= a) active.delete(m);
    const wanted = [...active].sort((x, y) => rank.get(x) - rank.get(y));
    let keep = 0;
    while (keep < stack.length && keep < wanted.length && stack[keep].mark === wanted[keep]) keep++;
    stack.length = keep;
    for (let k = keep; k < wanted.length; k++) {
      const m = wanted[k];
      const pieces = elements.get(m) || [];
      const el = makeElement(m, pieces.length > 0);
      if (pieces.length > 0) {
        el.removeAttribute('id');
        el.classList.add('cont');
      }
      pieces.push(el);
      elements.set(m, pieces);
      top().append(el);
      stack.push({ mark: m, el });
    }
    top().append(document.createTextNode(cp.slice(a, b)));
  }
  container.replaceChildren(frag);
  return { elements };
}

function clamp(x, n) {
  x = Number(x) || 0;
  return Math.max(0, Math.min(n, x));
}

// A snippet with highlights (code points relative to the snippet) → [text, <mark>, text, …].
export function highlightNodes(text, highlights) {
  const cp = new CodePoints(text);
  const spans = (highlights || [])
    .map((s) => [Number(s.begin) || 0, Number(s.end) || 0])
    .filter(([b, e]) => e > b)
    .sort((x, y) => x[0] - y[0]);
  const nodes = [];
  let at = 0;
  for (const [b0, e] of spans) {
    const b = Math.max(b0, at);
    if (e <= b) continue;
    if (b > at) nodes.push(document.createTextNode(cp.slice(at, b)));
    const mark = document.createElement('mark');
    mark.textContent = cp.slice(b, e);
    nodes.push(mark);
    at = e;
  }
  if (at < cp.length) nodes.push(document.createTextNode(cp.slice(at)));
  return nodes;
}
