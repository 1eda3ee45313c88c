// The newsdex page: reads the facet list from /api/fields, keeps the whole
// view in the URL (state.js), asks /api/search, /api/compare, /api/facets
// and /api/articles, and draws with DOM nodes and text only (dom.js). The
// facet sidebar (facets.js), the chart (chart.js), the analyses of a search
// (analyses.js) and what an article view shows beside the article
// (related.js) are their own modules.

import { el, replace, highlighted, safeHref, num, day } from './dom.js';
import {
  PAGE_SIZE, MAX_OFFSET, MAX_QUERIES, emptyState, fromSearch, toSearch, searchParams, compareParams,
  exportParams, withChanges, toggleFilter, searchKey,
} from './state.js';
import { Chart, SERIES_STYLE } from './chart.js';
import { api } from './api.js';
import { Facets } from './facets.js';
import { Analyses } from './analyses.js';
import { copiesNote, similarStories } from './related.js';

const $ = (id) => document.getElementById(id);

let fields = []; // the declared facets: [{name, label, aliases, hit, json?}]
let facetNames = [];
let state = emptyState();
let last = null; // the last search response
let controller = null; // aborts the requests of a view that was left
let firstDrawn = false;
let openedFromList = false;
let drawnKey = null; // searchKey of the results view fully drawn last

const chart = new Chart($('chart'), (since, until) => go(withChanges(state, { since, until })));
const facets = new Facets($('facets'), {
  state: () => state,
  last: () => last,
  toggle: (facet, value, on) => go(on ? toggleFilter(state, facet, value, true) : removeFilter(facet, value)),
});

const analyses = new Analyses($('analyses'), {
  state: () => state,
  go: (next) => go(next),
  fields: () => fields,
  message: (text) => showMessage(text),
  errorText: (e) => errorText(e),
  openArticle: (id) => openArticle(id),
  articleHref: (id) => articleHref(id),
});

/** Go to a new state: a new history entry (or the current one replaced). */
function go(next, { replaceEntry = false } = {}) {
  state = next;
  const url = location.pathname + toSearch(state);
  if (replaceEntry) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  show();
}

/** Remove a facet value; a value typed in the URL ('U.S.') may have been
 *  resolved by the server ('usa'), so the resolved list is used then. */
function removeFilter(facet, value) {
  const current = state.filters[facet] ?? [];
  if (current.includes(value)) return toggleFilter(state, facet, value, false);
  const resolved = last?.filters?.find((f) => f.facet === facet);
  const filters = { ...state.filters };
  const rest = resolved ? resolved.values.filter((v) => v !== value) : current;
  if (rest.length) filters[facet] = rest;
  else delete filters[facet];
  return withChanges(state, { filters });
}

/** Display labels of the selected values, from the last search response. */
function labelOf(facet, value) {
  const f = last?.filters?.find((x) => x.facet === facet);
  if (!f) return value;
  let i = f.values.indexOf(value);
  if (i < 0 && f.requested.length === f.labels.length) i = f.requested.indexOf(value);
  return i >= 0 && f.labels[i] ? f.labels[i] : value;
}

function facetLabel(name) {
  return fields.find((f) => f.name === name)?.label ?? name;
}

function showMessage(text) {
  const m = $('message');
  m.textContent = text;
  m.hidden = !text;
}

function errorText(e) {
  return e.detail ? `${e.title}: ${e.detail}` : e.title || String(e.message || e);
}

function setBusy(on) {
  $('results').setAttribute('aria-busy', on ? 'true' : 'false');
  document.body.classList.toggle('busy', on);
}

/** Put the state into the form controls. */
function syncControls() {
  $('q').value = state.q;
  $('since').value = state.since;
  $('until').value = state.until;
  $('sort').value = state.sort;
  $('collapse').checked = state.collapse;
  $('interval').value = state.interval;
  for (const r of document.querySelectorAll('input[name="measure"]')) {
    r.checked = r.value === (state.share ? 'share' : 'count');
  }
  const full = state.compare.length >= MAX_QUERIES - 1;
  $('compare-q').disabled = full;
  $('compare-form').querySelector('button').disabled = full;
  $('compare-q').placeholder = full ? `at most ${MAX_QUERIES} queries` : 'another query';
  $('csv').href = `/api/export.csv?${exportParams(state)}`;
}

/** Draw the view the state describes. */
async function show() {
  syncControls();
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  if (state.article) {
    // Back from an article searches again: the index may have moved on.
    drawnKey = null;
    showMessage('');
    await showArticle(state.article, signal);
    drawn(signal);
    return;
  }
  $('article').hidden = true;
  $('results').hidden = false;
  $('sidebar').hidden = false;
  document.title = state.q ? `${state.q} – newsdex` : 'newsdex';
  renderChips();
  analyses.sync(state);
  const analysis = analyses.fetch(state, signal);
  const key = searchKey(state);
  if (key === drawnKey && last) {
    // Only an analysis changed: the hits, chart and facets on the page are
    // this search's already.
    showMessage('');
    await analyses.draw(state, analysis, signal);
    drawn(signal);
    return;
  }
  drawnKey = null;
  setBusy(true);
  const wantCompare = state.compare.length > 0 || state.share;
  const comparing = wantCompare ? api('/api/compare', compareParams(state), signal) : null;
  comparing?.catch(() => {}); // reported below, after the hits
  try {
    const res = await api('/api/search', searchParams(state, facetNames), signal);
    last = res;
    showMessage('');
    renderHits(res);
    renderChips();
    facets.render(res);
    renderPager(res);
    if (!firstDrawn) {
      firstDrawn = true;
      performance.mark('newsdex:first-results');
    }
    if (!wantCompare) drawSearchChart(res);
  } catch (e) {
    if (e.name === 'AbortError') return;
    last = null;
    showMessage(errorText(e));
    replace($('hits'));
    $('count').textContent = 'No results: see the message above.';
    replace($('pager'));
    facets.render(null);
    chart.message('No chart: the search failed.');
    replace($('legend'));
    analyses.failed(state);
    drawn(signal);
    return;
  } finally {
    if (!signal.aborted) setBusy(false);
  }
  if (comparing) {
    try {
      drawCompareChart(await comparing);
    } catch (e) {
      if (e.name !== 'AbortError') {
        chart.message(errorText(e));
        replace($('legend'));
      }
    }
  }
  await analyses.draw(state, analysis, signal);
  if (!signal.aborted) drawnKey = key;
  drawn(signal);
}

/** Mark the view of the current URL as fully drawn (tests wait for it). */
function drawn(signal) {
  if (!signal.aborted) document.body.dataset.view = location.search;
}

function browsingAll() {
  return !state.q && Object.keys(state.filters).length === 0 && !state.since && !state.until;
}

function renderHits(res) {
  const count = $('count');
  count.dataset.total = String(res.total);
  if (res.total === 0) {
    count.textContent = browsingAll()
      ? 'The index is empty: add articles with `newsdex index PATH`, then reload this page.'
      : 'No articles match this search. Try fewer words or remove a filter.';
  } else {
    const from = res.offset + 1;
    const to = res.offset + res.hits.length;
    const shown = res.hits.length ? `, ${num(from)}–${num(to)} shown` : '';
    const took = typeof res.took_ms === 'number' ? ` (${res.took_ms.toFixed(1)} ms)` : '';
    const noun = res.collapse ? ['story', 'stories'] : ['hit', 'hits'];
    const hidden = res.collapse ? `, ${num(res.collapse.hidden_copies)} copies folded in` : '';
    count.textContent = `${num(res.total)} ${res.total === 1 ? noun[0] : noun[1]}${shown}${hidden}${took}`;
  }
  const list = $('hits');
  list.start = res.offset + 1;
  replace(list, res.hits.map(hitItem));
}

/** The values of a hit-shown facet in a record, as [{value, label}]. */
function valuesOf(record, facet) {
  const raw = record[facet.json ?? facet.label];
  const items = Array.isArray(raw) ? raw : raw == null || raw === '' ? [] : [raw];
  return items
    .map((v) => (v && typeof v === 'object' ? { value: v.id, label: v.name ?? v.id } : { value: v, label: v }))
    .filter((v) => typeof v.value === 'string' && v.value !== '');
}

/** Buttons that add a facet value to the filters. */
function tagList(facet, values, named = true) {
  if (values.length === 0) return null;
  const selected = new Set(state.filters[facet.name] ?? []);
  return el('p', { class: 'tags', 'data-facet': facet.name },
    named ? el('span', { class: 'tags-name' }, `${facet.label}:`) : null,
    values.map((v) => el('button', {
      type: 'button',
      class: 'tag',
      'aria-pressed': selected.has(v.value) ? 'true' : 'false',
      title: `Only articles with ${facet.label}: ${v.label}`,
      onclick: () => go(toggleFilter(state, facet.name, v.value, true)),
    }, v.label)));
}

function articleHref(id) {
  return location.pathname + toSearch({ ...state, article: id });
}

function openArticle(id) {
  return (ev) => {
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    openedFromList = true;
    go({ ...state, article: id });
  };
}

function hitItem(hit) {
  const title = hit.title?.text ? highlighted(hit.title) : '(untitled)';
  return el('li', { class: 'hit', 'data-id': hit.id },
    el('h3', {}, el('a', { href: articleHref(hit.id), class: 'hit-title', onclick: openArticle(hit.id) }, title)),
    el('p', { class: 'meta' },
      el('time', {}, day(hit.date) ?? 'undated'),
      hit.dateline ? [' · ', el('span', { class: 'dateline' }, hit.dateline)] : null,
      hit.copies > 1 ? [' · ', el('span', { class: 'copies' }, `+${hit.copies - 1} ${hit.copies === 2 ? 'copy' : 'copies'}`)] : null),
    hit.snippet?.text ? el('p', { class: 'snippet' }, highlighted(hit.snippet)) : null,
    fields.filter((f) => f.hit).map((f) => tagList(f, valuesOf(hit, f))));
}

function chip(text, label, onRemove) {
  return el('button', { type: 'button', class: 'chip', 'aria-label': `Remove ${label}`, onclick: onRemove },
    text, el('span', { 'aria-hidden': 'true' }, ' ✕'));
}

function renderChips() {
  const chips = [];
  for (const [facet, values] of Object.entries(state.filters)) {
    for (const v of values) {
      const text = `${facetLabel(facet)}: ${labelOf(facet, v)}`;
      chips.push(chip(text, `filter ${text}`, () => go(toggleFilter(state, facet, v, false))));
    }
  }
  if (state.since) chips.push(chip(`from ${state.since}`, 'start date', () => go(withChanges(state, { since: '' }))));
  if (state.until) chips.push(chip(`up to ${state.until}`, 'end date', () => go(withChanges(state, { until: '' }))));
  if (chips.length > 1) {
    chips.push(el('button', { type: 'button', class: 'clear', onclick: () => go(withChanges(state, { filters: {}, since: '', until: '' })) }, 'Clear all'));
  }
  replace($('chips'), chips.length ? [el('span', { class: 'chips-name' }, 'Filters:'), chips] : null);
}

function renderPager(res) {
  const pages = Math.min(Math.ceil(res.total / PAGE_SIZE), Math.floor(MAX_OFFSET / PAGE_SIZE) + 1);
  if (pages <= 1) {
    replace($('pager'));
    return;
  }
  const to = (page) => () => go(withChanges(state, { page }));
  replace($('pager'),
    el('button', { type: 'button', disabled: state.page <= 1, onclick: to(state.page - 1), rel: 'prev' }, '← Previous'),
    el('span', {}, ` Page ${num(state.page)} of ${num(pages)} `),
    el('button', { type: 'button', disabled: state.page >= pages, onclick: to(state.page + 1), rel: 'next' }, 'Next →'));
}

function queryName(q) {
  return q ? `“${q}”` : 'all articles';
}

function legendItem(i, q, total, undated, removable) {
  const style = SERIES_STYLE[i];
  return el('li', { 'data-query': q, 'data-total': total },
    el('span', { class: `swatch swatch-${i}`, title: `${style.name} line` }),
    el('span', { class: 'visually-hidden' }, `${style.name} line: `),
    el('span', { class: 'legend-q' }, queryName(q)),
    ` ${num(total)} ${total === 1 ? 'hit' : 'hits'}`,
    undated ? el('span', { class: 'undated' }, ` (${num(undated)} undated, not charted)`) : null,
    removable ? el('button', {
      type: 'button',
      class: 'remove',
      'aria-label': `Stop comparing ${queryName(q)}`,
      onclick: () => go(withChanges(state, { compare: state.compare.filter((c) => c !== q), page: state.page })),
    }, '✕') : null);
}

function drawSearchChart(res) {
  const h = res.histogram;
  if (!h || h.buckets.length === 0) {
    chart.message(res.total ? 'None of the hits has a date.' : 'Nothing to chart.');
  } else {
    chart.draw({
      buckets: h.buckets,
      series: [{ label: queryName(state.q), values: h.buckets.map((b) => b.count) }],
      share: false,
      interval: h.interval,
    });
  }
  replace($('legend'), legendItem(0, state.q, res.total, h?.undated ?? 0, false));
}

function drawCompareChart(cmp) {
  const buckets = cmp.queries[0]?.buckets ?? [];
  if (buckets.length === 0) chart.message('None of the hits has a date.');
  else {
    chart.draw({
      buckets,
      series: cmp.queries.map((q) => ({
        label: queryName(q.query),
        values: q.buckets.map((b) => (state.share ? b.share : b.count)),
      })),
      share: state.share,
      interval: cmp.interval,
    });
  }
  replace($('legend'), cmp.queries.map((q, i) => legendItem(i, q.query, q.total, q.undated, i > 0)));
}

function closeArticle() {
  if (openedFromList) history.back();
  else go({ ...state, article: null });
}

async function showArticle(id, signal) {
  $('results').hidden = true;
  $('sidebar').hidden = true;
  const box = $('article');
  box.hidden = false;
  const back = el('button', { type: 'button', class: 'back', onclick: closeArticle }, '← Back to results');
  replace(box, back, el('p', {}, 'Loading…'));
  try {
    const a = await api(`/api/articles/${encodeURIComponent(id)}`, null, signal);
    const similar = renderArticle(box, back, a);
    await similarStories(similar, a.id ?? id, {
      message: showMessage, errorText, articleHref, openArticle,
    }, signal);
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(box, back, el('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
}

function fieldValue(key, value) {
  const facet = fields.find((f) => (f.json ?? f.label) === key);
  if (facet) {
    const values = valuesOf({ [key]: value }, { ...facet, json: key });
    if (values.length) return tagList(facet, values, false);
  }
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (key === 'url') {
    const href = safeHref(value);
    return href ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, value) : String(value);
  }
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? v.name ?? v.id : v)).join('; ');
  return String(value);
}

function renderArticle(box, back, a) {
  document.title = `${a.title || a.id} – newsdex`;
  const heading = el('h2', { tabindex: '-1' }, a.title || '(untitled)');
  const rows = Object.entries(a)
    .filter(([k]) => k !== 'title' && k !== 'body')
    .map(([k, v]) => [el('dt', {}, k.replace(/_/g, ' ')), el('dd', {}, fieldValue(k, v))]);
  const body = String(a.body ?? '').split(/\n\s*\n/).filter((p) => p.trim() !== '');
  const similar = el('section', { class: 'similar-stories', 'aria-label': 'Similar stories' });
  replace(box, back, heading,
    copiesNote(a, { go }),
    el('dl', { class: 'fields' }, rows),
    el('div', { class: 'body' }, body.map((p) => el('p', {}, p))),
    similar);
  heading.focus();
  return similar;
}

function wire() {
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(withChanges(state, { q: $('q').value.trim() }));
  });
  $('dates').addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(withChanges(state, { since: $('since').value.trim(), until: $('until').value.trim() }));
  });
  $('sort').addEventListener('change', () => go(withChanges(state, { sort: $('sort').value })));
  $('collapse').addEventListener('change', () => go(withChanges(state, { collapse: $('collapse').checked })));
  $('interval').addEventListener('change', () => go(withChanges(state, { interval: $('interval').value, page: state.page })));
  for (const r of document.querySelectorAll('input[name="measure"]')) {
    r.addEventListener('change', () => go(withChanges(state, { share: r.value === 'share' && r.checked, page: state.page })));
  }
  $('compare-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = $('compare-q').value.trim();
    $('compare-q').value = '';
    if (!q || q === state.q || state.compare.includes(q) || state.compare.length >= MAX_QUERIES - 1) return;
    go(withChanges(state, { compare: [...state.compare, q], page: state.page }));
  });
  document.addEventListener('keydown', (ev) => {
    const typing = ev.target.closest?.('input:not([type="checkbox"]):not([type="radio"]), textarea, select, [contenteditable]');
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      if (state.article) closeArticle();
      $('q').focus();
      $('q').select();
    } else if (ev.key === 'Escape' && state.article && !typing) {
      closeArticle();
    }
  });
  window.addEventListener('popstate', () => {
    openedFromList = false;
    state = fromSearch(location.search, facetNames);
    show();
  });
}

async function init() {
  wire();
  try {
    fields = (await api('/api/fields')).facets ?? [];
  } catch (e) {
    showMessage(`The page could not read the index's fields. ${errorText(e)}`);
  }
  facetNames = fields.map((f) => f.name);
  facets.build(fields);
  state = fromSearch(location.search, facetNames);
  show();
}

init();
