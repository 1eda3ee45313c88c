// What the article view shows beside the article: how many near-duplicate
// copies the index holds (with a search that lists them: `cluster:"ID"`),
// and the stories most like it (/api/similar/{id}, its copies left out).

import { el, replace, num, day } from './dom.js';
import { clusterQuery, emptyState, toSearch } from './state.js';
import { api } from './api.js';

/** Similar stories listed. */
const SIMILAR = 10;

/** A plain left click: the page handles it; anything else is the browser's. */
function plainClick(ev) {
  return ev.button === 0 && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && !ev.altKey;
}

/** The copies note of article `a` (null when it has none). `hooks.go`
 *  goes to a state. */
export function copiesNote(a, hooks) {
  const copies = Number(a.copies) || 1;
  if (copies < 2 || !a.cluster) return null;
  const list = { ...emptyState(), q: clusterQuery(a.cluster) };
  const others = copies - 1;
  return el('p', { class: 'copies-note', 'data-copies': copies },
    `This story was run ${num(copies)} times: the index holds ${num(others)} near-duplicate ${others === 1 ? 'copy' : 'copies'} of it. `,
    el('a', {
      href: location.pathname + toSearch(list),
      onclick: (ev) => {
        if (!plainClick(ev)) return;
        ev.preventDefault();
        hooks.go(list);
      },
    }, `List all ${num(copies)}`));
}

/** Fill `box` with the stories like article `id`. Errors go to the page's
 *  message area (`hooks.message`, `hooks.errorText`); `hooks.articleHref`
 *  and `hooks.openArticle` link an article. Resolves once drawn. */
export async function similarStories(box, id, hooks, signal) {
  replace(box, el('h3', {}, 'Similar stories'), el('p', { class: 'hint' }, 'Loading…'));
  let res;
  try {
    res = await api(`/api/similar/${encodeURIComponent(id)}`, new URLSearchParams({ limit: String(SIMILAR) }), signal);
  } catch (e) {
    if (e.name === 'AbortError') return;
    hooks.message(hooks.errorText(e));
    replace(box, el('h3', {}, 'Similar stories'), el('p', { class: 'error' }, 'Similar stories could not be found: see the message above.'));
    return;
  }
  const left = res.copies_left_out > 0
    ? el('p', { class: 'hint' }, `Its ${num(res.copies_left_out)} near-duplicate ${res.copies_left_out === 1 ? 'copy is' : 'copies are'} left out.`)
    : null;
  if (res.hits.length === 0) {
    replace(box, el('h3', {}, 'Similar stories'), el('p', { class: 'empty' }, 'No other story in the index is like this one.'), left);
    return;
  }
  replace(box, el('h3', {}, 'Similar stories'), left,
    el('ol', { class: 'similar' }, res.hits.map((h) => el('li', { 'data-id': h.id },
      el('a', { href: hooks.articleHref(h.id), onclick: hooks.openArticle(h.id) }, h.title?.text || '(untitled)'),
      el('span', { class: 'meta' }, ' · ', day(h.date) ?? 'undated', h.dateline ? ` · ${h.dateline}` : '',
        h.copies > 1 ? ` · +${num(h.copies - 1)} ${h.copies === 2 ? 'copy' : 'copies'}` : '')))));
}
