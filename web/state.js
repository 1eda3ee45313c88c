// The page's whole state, and its two spellings: the page URL (so a link
// reproduces the view and the back button steps through searches) and the
// API parameters. Facet names come from /api/fields, never from a list here.

/** Hits per page. */
export const PAGE_SIZE = 20;
/** The server skips at most this many hits (`offset`), so paging stops there. */
export const MAX_OFFSET = 10000;
/** Queries in one chart: the search itself plus up to three compared. */
export const MAX_QUERIES = 4;
const SORTS = ['relevance', 'date', '-date'];
const INTERVALS = ['day', 'week', 'month', 'year'];
/** The analyses a results view can open (analyses.js draws them). */
export const PANELS = ['terms', 'cooccur', 'copies'];
/** The facets a co-occurrence table starts with, when the index has them. */
export const DEFAULT_ROWS = 'person';
export const DEFAULT_COLS = 'country';
const SHADES = ['lift', 'count'];

/** The view with nothing chosen. */
export function emptyState() {
  return {
    q: '',
    filters: {}, // facet name -> [value, ...]
    since: '',
    until: '',
    sort: 'relevance',
    collapse: false, // one hit per story (near-duplicate copies collapsed)
    page: 1,
    interval: 'month',
    share: false,
    compare: [], // further queries in the chart
    article: null, // id of the open article
    panel: '', // the open analysis (one of PANELS), or none
    rows: DEFAULT_ROWS, // co-occurrence: facet of the rows
    cols: DEFAULT_COLS, // co-occurrence: facet of the columns
    shade: 'lift', // co-occurrence: cells shaded by lift or by count
  };
}

/** Read a state from a page URL's query string. */
export function fromSearch(search, facetNames) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = p.get('q') ?? '';
  for (const f of facetNames) {
    const values = p.getAll(f).filter((v) => v !== '');
    if (values.length) s.filters[f] = [...new Set(values)];
  }
  s.since = p.get('since') ?? '';
  s.until = p.get('until') ?? '';
  if (SORTS.includes(p.get('sort'))) s.sort = p.get('sort');
  s.collapse = p.get('collapse') === '1';
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  s.page = Number.isFinite(page) && page > 0 ? page : 1;
  if (INTERVALS.includes(p.get('interval'))) s.interval = p.get('interval');
  s.share = p.get('share') === '1';
  s.compare = p.getAll('cmp').filter((v) => v !== '').slice(0, MAX_QUERIES - 1);
  s.article = p.get('article') || null;
  if (PANELS.includes(p.get('panel'))) s.panel = p.get('panel');
  // Facet names only: a link with a facet this index lacks gets the default.
  if (facetNames.includes(p.get('rows'))) s.rows = p.get('rows');
  if (facetNames.includes(p.get('cols'))) s.cols = p.get('cols');
  if (SHADES.includes(p.get('shade'))) s.shade = p.get('shade');
  return s;
}

/** The page URL's query string for a state (defaults left out). */
export function toSearch(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const [f, values] of Object.entries(s.filters)) for (const v of values) p.append(f, v);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.collapse) p.set('collapse', '1');
  if (s.page > 1) p.set('page', String(s.page));
  if (s.interval !== 'month') p.set('interval', s.interval);
  if (s.share) p.set('share', '1');
  for (const c of s.compare) p.append('cmp', c);
  if (s.article) p.set('article', s.article);
  if (s.panel) p.set('panel', s.panel);
  if (s.rows !== DEFAULT_ROWS) p.set('rows', s.rows);
  if (s.cols !== DEFAULT_COLS) p.set('cols', s.cols);
  if (s.shade !== 'lift') p.set('shade', s.shade);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/** The filter part shared by every API call: filters and dates. */
export function filterParams(s) {
  const p = new URLSearchParams();
  for (const [f, values] of Object.entries(s.filters)) for (const v of values) p.append(f, v);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  return p;
}

/** Parameters of /api/search for the state. */
export function searchParams(s, facetNames) {
  const p = filterParams(s);
  p.set('q', s.q);
  p.set('sort', s.sort);
  if (s.collapse) p.set('collapse', 'earliest');
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String((s.page - 1) * PAGE_SIZE));
  for (const f of facetNames) p.append('facet', f);
  p.set('facet_top', '10');
  p.set('histogram', s.interval);
  return p;
}

/** Parameters of /api/compare: the search and the compared queries. */
export function compareParams(s) {
  const p = filterParams(s);
  for (const q of [s.q, ...s.compare]) p.append('q', q);
  p.set('histogram', s.interval);
  return p;
}

/** Parameters of /api/export.csv: every hit of the search, in its order. */
export function exportParams(s) {
  const p = filterParams(s);
  p.set('q', s.q);
  p.set('sort', s.sort);
  if (s.collapse) p.set('collapse', 'earliest');
  return p;
}

/** The page URL of a state without its analyses: two states with the same
 *  key show the same hits, chart and facets. */
export function searchKey(s) {
  return toSearch({ ...s, panel: '', rows: DEFAULT_ROWS, cols: DEFAULT_COLS, shade: 'lift' });
}

/** Parameters of the analyses (/api/terms, /api/cooccur, /api/dupes): the
 *  query, filters and dates of the search. */
export function analysisParams(s) {
  const p = filterParams(s);
  p.set('q', s.q);
  return p;
}

/** The query with a word or phrase added (AND), as a user would type it. */
export function withTerm(q, term, phrase) {
  const plain = !phrase && /^[\p{L}\p{N}]+$/u.test(term);
  const t = plain ? term : `"${term.replace(/["\\]/g, ' ').trim()}"`;
  if (!q) return t;
  // `a OR b` + `c` would read as `a OR (b c)`: keep the query whole.
  return /\bOR\b|\|\|/.test(q) ? `(${q}) ${t}` : `${q} ${t}`;
}

/** The query that lists one near-duplicate cluster's copies. */
export function clusterQuery(cluster) {
  return `cluster:"${String(cluster).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** A copy of the state with `changes`; any change but paging goes to page 1. */
export function withChanges(s, changes) {
  const next = { ...s, filters: { ...s.filters }, compare: [...s.compare], article: null, page: 1 };
  return Object.assign(next, changes);
}

/** The state with one facet value added or removed. */
export function toggleFilter(s, facet, value, on) {
  const current = s.filters[facet] ?? [];
  const values = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
  const filters = { ...s.filters };
  if (values.length) filters[facet] = values;
  else delete filters[facet];
  return withChanges(s, { filters });
}
