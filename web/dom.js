// DOM helpers for the newsdex page. Everything that comes from the index is
// untrusted text: it only ever reaches the page through text nodes
// (`append(string)`, `textContent`), never through innerHTML, and a URL from
// an article becomes a link only when it is http(s).

/** Build an element: attributes from `attrs` (`class`, `on*` listeners,
 *  anything else through setAttribute) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

/** Append children (nodes, strings as text, arrays flattened, null skipped). */
export function append(parent, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    parent.append(c instanceof Node ? c : String(c));
  }
  return parent;
}

/** Replace an element's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** The href to use for an article's `url`, or null when it is not http(s). */
export function safeHref(url) {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  if (!/^https?:\/\//i.test(u)) return null;
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A fragment of `{text, highlights}` with each highlighted span in a
 *  <mark>. The spans are byte ranges into the UTF-8 text (as the CLI's JSON
 *  gives them), so the text is sliced as bytes, not as JS string indices. */
export function highlighted(field) {
  const frag = document.createDocumentFragment();
  const text = typeof field?.text === 'string' ? field.text : '';
  const ranges = (Array.isArray(field?.highlights) ? field.highlights : [])
    .filter((r) => Array.isArray(r) && r.length === 2)
    .map(([a, b]) => [Number(a) | 0, Number(b) | 0])
    .sort((x, y) => x[0] - y[0]);
  if (ranges.length === 0) {
    frag.append(text);
    return frag;
  }
  const bytes = encoder.encode(text);
  let pos = 0;
  for (let [a, b] of ranges) {
    a = Math.max(a, pos);
    b = Math.min(b, bytes.length);
    if (b <= a) continue;
    if (a > pos) frag.append(decoder.decode(bytes.subarray(pos, a)));
    frag.append(el('mark', {}, decoder.decode(bytes.subarray(a, b))));
    pos = b;
  }
  if (pos < bytes.length) frag.append(decoder.decode(bytes.subarray(pos)));
  return frag;
}

/** `1234567` as `1,234,567`. */
export function num(n) {
  return typeof n === 'number' ? n.toLocaleString('en') : '–';
}

/** The date part of an RFC 3339 timestamp, or null. */
export function day(iso) {
  return typeof iso === 'string' && iso.length >= 10 ? iso.slice(0, 10) : null;
}
