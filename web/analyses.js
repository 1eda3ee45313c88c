// The analyses of a results view: significant words (/api/terms), who
// appears with what (/api/cooccur) and the copies among the hits
// (/api/dupes), for the search's query, filters and dates. One panel is open
// at a time and the URL says which (state.js `panel`); a closed panel asks
// nothing, so the plain search stays as fast as before. Everything from the
// index is text (dom.js).

import { el, replace, num, day } from './dom.js';
import {
  analysisParams, withChanges, withTerm, toggleFilter, clusterQuery, emptyState, toSearch, DEFAULT_ROWS, DEFAULT_COLS,
} from './state.js';
import { api } from './api.js';

/** Words and phrases listed. */
const TERMS_TOP = 20;
/** Values per side of the co-occurrence table. */
const COOCCUR_TOP = 10;
/** Clusters listed. */
const CLUSTERS = 20;

const TITLES = { terms: 'Significant words', cooccur: 'Who appears with what', copies: 'Copies' };

export class Analyses {
  /** `hooks`: state(), go(next), fields() (the declared facets),
   *  message(text), errorText(e), openArticle(id) and articleHref(id) (a
   *  link to an article view, and its click handler). */
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.body = root.querySelector('#analysis');
    this.buttons = [...root.querySelectorAll('button[data-panel]')];
    for (const b of this.buttons) {
      b.addEventListener('click', () => {
        const s = hooks.state();
        const panel = s.panel === b.dataset.panel ? '' : b.dataset.panel;
        hooks.go(withChanges(s, { panel, page: s.page }));
      });
    }
  }

  /** Show which panel the state opens (before its data comes). */
  sync(s) {
    for (const b of this.buttons) b.setAttribute('aria-expanded', String(s.panel === b.dataset.panel));
    this.body.hidden = !s.panel;
    this.body.dataset.panel = s.panel;
    if (s.panel) replace(this.body, el('h3', {}, TITLES[s.panel]), el('p', { class: 'hint' }, 'Loading…'));
    else replace(this.body);
  }

  /** Ask for the open panel's data; null when no panel is open. The promise
   *  never rejects: it gives `{data}` or `{error}`, drawn by `draw`, so that
   *  an error is shown after the search's own message, not under it. */
  fetch(s, signal) {
    if (!s.panel) return null;
    const p = analysisParams(s);
    let call;
    if (s.panel === 'terms') {
      p.set('top', String(TERMS_TOP));
      call = api('/api/terms', p, signal);
    } else if (s.panel === 'cooccur') {
      const [rows, cols] = this.pair(s);
      p.set('top', String(COOCCUR_TOP));
      call = api(`/api/cooccur/${encodeURIComponent(rows)}/${encodeURIComponent(cols)}`, p, signal);
    } else {
      p.set('limit', String(CLUSTERS));
      call = api('/api/dupes', p, signal);
    }
    return call.then((data) => ({ data }), (error) => ({ error }));
  }

  /** Draw a fetched panel (or its error, in the message area). */
  async draw(s, pending, signal) {
    if (!pending) return;
    const { data, error } = await pending;
    if (signal.aborted) return;
    const title = el('h3', {}, TITLES[s.panel]);
    if (error) {
      if (error.name === 'AbortError') return;
      this.hooks.message(this.hooks.errorText(error));
      replace(this.body, title, el('p', { class: 'error' }, `${TITLES[s.panel]} could not be computed: see the message above.`));
      return;
    }
    const parts = s.panel === 'terms' ? this.terms(s, data) : s.panel === 'cooccur' ? this.cooccur(s, data) : this.copies(data);
    replace(this.body, title, parts);
  }

  /** The panel when the search itself failed. */
  failed(s) {
    if (s.panel) replace(this.body, el('h3', {}, TITLES[s.panel]), el('p', { class: 'error' }, 'Nothing to analyse: the search failed (see the message above).'));
  }

  /** The two facets of the co-occurrence table: the state's, or the first
   *  declared ones when this index lacks them. */
  pair(s) {
    const names = this.hooks.fields().map((f) => f.name);
    const rows = names.includes(s.rows) ? s.rows : names.includes(DEFAULT_ROWS) ? DEFAULT_ROWS : names[0] ?? DEFAULT_ROWS;
    const fallback = names.find((n) => n !== rows) ?? rows;
    const cols = names.includes(s.cols) ? s.cols : names.includes(DEFAULT_COLS) ? DEFAULT_COLS : fallback;
    return [rows, cols];
  }

  label(name) {
    return this.hooks.fields().find((f) => f.name === name)?.label ?? name;
  }

  terms(s, res) {
    const about = el('p', { class: 'hint' },
      `Words and two-word phrases far more frequent in the best ${num(res.sampled)} of ${num(res.total)} hits than in all ${num(res.background_documents)} articles (${String(res.heuristic).toUpperCase()} score). Click one to add it to the query.`);
    if (res.total === 0) return el('p', { class: 'empty' }, 'No articles match this search, so there are no words to compare.');
    if (res.terms.length === 0) return [about, el('p', { class: 'empty' }, `No word stands out in these hits (a word must be in at least ${num(res.min_doc_count)} of them).`)];
    const pct = (n, of) => (of ? ` (${(100 * n / of).toFixed(n / of < 0.01 ? 2 : 1)}%)` : '');
    const rows = res.terms.map((t) => el('tr', { 'data-term': t.term, 'data-kind': t.kind },
      el('th', { scope: 'row' }, el('button', {
        type: 'button',
        class: `term term-${t.kind}`,
        title: `Search for ${t.kind === 'phrase' ? 'the phrase' : 'the word'} “${t.term}” too`,
        onclick: () => this.hooks.go(withChanges(s, { q: withTerm(s.q, t.term, t.kind === 'phrase') })),
      }, t.term)),
      el('td', {}, t.kind),
      el('td', { class: 'n' }, num(t.foreground), pct(t.foreground, res.sampled)),
      el('td', { class: 'n' }, num(t.background), pct(t.background, res.background_documents)),
      el('td', { class: 'n' }, t.score.toFixed(2))));
    return [about, el('div', { class: 'scroll' }, el('table', { class: 'analysis-table terms' },
      el('caption', { class: 'visually-hidden' }, 'Significant words and phrases, highest score first'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'word or phrase'), el('th', { scope: 'col' }, 'kind'),
        el('th', { scope: 'col', class: 'n' }, 'in hits'), el('th', { scope: 'col', class: 'n' }, 'in index'),
        el('th', { scope: 'col', class: 'n' }, 'score'))),
      el('tbody', {}, rows)))];
  }

  cooccur(s, res) {
    const [rows, cols] = this.pair(s);
    const fields = this.hooks.fields();
    const select = (id, text, value, key) => el('label', {}, `${text} `,
      el('select', { id, onchange: (ev) => this.hooks.go(withChanges(s, { [key]: ev.target.value, page: s.page })) },
        fields.map((f) => el('option', { value: f.name, selected: f.name === value }, f.label))));
    const shade = el('span', { class: 'toggle', role: 'group', 'aria-label': 'Cell shade' }, 'Shade by',
      ['lift', 'count'].map((v) => el('label', {}, el('input', {
        type: 'radio', name: 'shade', value: v, checked: s.shade === v,
        onchange: () => this.hooks.go(withChanges(s, { shade: v, page: s.page })),
      }), ` ${v}`)));
    const controls = el('div', { class: 'controls' }, select('co-rows', 'Rows', rows, 'rows'), select('co-cols', 'Columns', cols, 'cols'), shade);
    const [rl, cl] = [this.label(rows), this.label(cols)];
    if (res.total === 0) return [controls, el('p', { class: 'empty' }, 'No articles match this search, so nothing appears with anything.')];
    if (res.rows.length === 0 || res.columns.length === 0) {
      const none = res.rows.length === 0 ? rl : cl;
      return [controls, el('p', { class: 'empty' }, `None of these ${num(res.total)} hits has a ${none} value.`)];
    }
    const max = Math.max(1, ...res.rows.flatMap((r) => r.cells.map((c) => c.count)));
    const level = (c) => {
      if (c.count === 0) return 0;
      if (s.shade === 'count') return Math.max(1, Math.ceil((4 * c.count) / max));
      const lift = c.lift ?? 0;
      return lift < 1 ? 1 : lift < 2 ? 2 : lift < 4 ? 3 : 4;
    };
    const colLabel = new Map(res.columns.map((c) => [c.value, c.label ?? c.value]));
    const body = res.rows.map((r) => el('tr', { 'data-value': r.value },
      el('th', { scope: 'row' }, r.label ?? r.value, el('span', { class: 'count' }, ` ${num(r.count)}`)),
      r.cells.map((c) => {
        const lift = c.lift == null ? '' : `×${c.lift.toFixed(1)}`;
        const text = `${r.label ?? r.value} with ${colLabel.get(c.value)}: ${num(c.count)} ${c.count === 1 ? 'article' : 'articles'}${lift ? `, lift ${c.lift.toFixed(2)}` : ''}`;
        const inner = c.count === 0
          ? el('span', { class: 'zero', title: text }, '0')
          : el('button', {
            type: 'button',
            class: 'cell',
            title: `${text}. Click to keep only these articles.`,
            'aria-label': `${text}. Filter by both.`,
            onclick: () => this.hooks.go(toggleFilter(toggleFilter(s, rows, r.value, true), cols, c.value, true)),
          }, el('span', { class: 'cell-count' }, num(c.count)), lift ? el('span', { class: 'lift' }, ` ${lift}`) : null);
        return el('td', { class: `shade-${level(c)}`, 'data-col': c.value, 'data-count': c.count }, inner);
      })));
    const how = s.shade === 'count' ? 'darker: more articles' : 'darker: higher lift, observed ÷ expected (under 1, 1–2, 2–4, 4 or more)';
    return [controls,
      el('p', { class: 'hint' }, `The most frequent ${rl} (rows) and ${cl} (columns) among ${num(res.total)} hits, with their counts. A cell counts the hits with both and gives the lift (×): how many times more often they appear together than chance would have it. Click a cell to filter by both.`),
      el('div', { class: 'scroll' }, el('table', { class: 'analysis-table heat' },
        el('caption', {}, `${rl} × ${cl}: articles with both (${how})`),
        el('thead', {}, el('tr', {}, el('td', {}),
          res.columns.map((c) => el('th', { scope: 'col', 'data-value': c.value }, c.label ?? c.value, el('span', { class: 'count' }, ` ${num(c.count)}`))))),
        el('tbody', {}, body)))];
  }

  copies(res) {
    if (res.total_clusters === 0) return el('p', { class: 'empty' }, 'None of these hits has a near-duplicate copy in the index.');
    const shown = res.clusters.length < res.total_clusters ? ` The ${num(res.clusters.length)} largest are listed.` : '';
    const about = el('p', { class: 'hint' },
      `${num(res.total_clusters)} ${res.total_clusters === 1 ? 'story has' : 'stories have'} copies among the hits (${num(res.total_copies)} matching articles in them), largest first.${shown} A title opens the earliest copy.`);
    const items = res.clusters.map((c) => {
      const first = c.members[0];
      const span = [day(c.first), day(c.last)].filter(Boolean);
      const dates = span.length === 0 ? 'undated' : span[0] === span[1] ? span[0] : `${span[0]} to ${span[1]}`;
      const list = { ...emptyState(), q: clusterQuery(c.cluster) };
      return el('li', { class: 'cluster', 'data-cluster': c.cluster, 'data-copies': c.copies },
        el('a', { href: this.hooks.articleHref(first?.id ?? c.cluster), class: 'cluster-title', onclick: this.hooks.openArticle(first?.id ?? c.cluster) }, c.title || '(untitled)'),
        el('p', { class: 'meta' },
          el('span', { class: 'size' }, `${num(c.copies)} copies`),
          ` (${num(c.matching)} among these hits) · `, el('time', {}, dates),
          c.sources.length ? ` · ${c.sources.join(', ')}` : null,
          ' · ', el('a', {
            href: location.pathname + toSearch(list),
            onclick: (ev) => {
              if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
              ev.preventDefault();
              this.hooks.go(list);
            },
          }, 'list the copies')));
    });
    return [about, el('ol', { class: 'clusters' }, items)];
  }
}
