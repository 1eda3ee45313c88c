// The facet sidebar: one box per declared facet (from /api/fields), with the
// counts of the current search, a check box per value (OR within a facet)
// and a find box that asks /api/facets/{field}?match= for one value among
// thousands. Selected values stay listed even when they are not in the top.

import { el, replace, num } from './dom.js';
import { filterParams } from './state.js';
import { api } from './api.js';

/** Values listed when the find box asks the server. */
const MATCH_TOP = 20;

export class Facets {
  /** `hooks`: state() and last() read the page, toggle(facet, value, on) acts. */
  constructor(container, hooks) {
    this.container = container;
    this.hooks = hooks;
    this.boxes = new Map();
  }

  /** One box per facet, in the declaration's order. */
  build(fields) {
    const wide = window.matchMedia('(min-width: 50rem)').matches;
    for (const f of fields) {
      const list = el('ul', { class: 'values' });
      const note = el('p', { class: 'hint' });
      const find = el('input', {
        type: 'search',
        class: 'find',
        placeholder: `Find ${f.label}…`,
        'aria-label': `Find ${f.label}`,
        autocomplete: 'off',
      });
      const summary = el('summary', {}, f.label);
      const box = el('details', { class: 'facet', 'data-facet': f.name, open: wide }, summary, find, list, note);
      const entry = { facet: f, box, summary, list, note, find, timer: 0, controller: null, matched: null };
      find.addEventListener('input', () => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => this.match(entry), 200);
      });
      find.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') ev.preventDefault();
      });
      this.boxes.set(f.name, entry);
      this.container.append(box);
    }
  }

  /** Draw every box from a search response (null after an error). */
  render(res) {
    for (const entry of this.boxes.values()) {
      if (entry.find.value.trim()) this.match(entry);
      else this.draw(entry, res?.facets?.find((x) => x.facet === entry.facet.name) ?? null);
    }
  }

  /** Ask the server for the values matching the find box. */
  async match(entry) {
    const text = entry.find.value.trim();
    entry.controller?.abort();
    if (!text) {
      this.draw(entry, this.hooks.last()?.facets?.find((x) => x.facet === entry.facet.name) ?? null);
      return;
    }
    entry.controller = new AbortController();
    const s = this.hooks.state();
    const p = filterParams(s);
    p.set('q', s.q);
    p.set('match', text);
    p.set('top', String(MATCH_TOP));
    try {
      const res = await api(`/api/facets/${encodeURIComponent(entry.facet.name)}`, p, entry.controller.signal);
      this.draw(entry, { values: res.values, other_values: Math.max(0, (res.distinct_values ?? 0) - res.values.length) }, text);
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(entry.list);
      entry.note.textContent = e.detail || e.title;
    }
  }

  /** The resolved selected values of a facet, from the last response. */
  selected(name) {
    const s = this.hooks.state();
    const resolved = this.hooks.last()?.filters?.find((f) => f.facet === name);
    const values = new Set(s.filters[name] ?? []);
    if (resolved) for (const v of resolved.values) values.add(v);
    return { values, resolved };
  }

  draw(entry, counts, matching) {
    const name = entry.facet.name;
    const { values: selected, resolved } = this.selected(name);
    const shown = counts?.values ?? [];
    const rows = [];
    const listed = new Set();
    // Selected values first when they fell out of the top (without a count).
    if (!matching) {
      for (const v of selected) {
        if (shown.some((x) => x.value === v) || (resolved && !resolved.values.includes(v) && resolved.requested.includes(v))) continue;
        const i = resolved ? resolved.values.indexOf(v) : -1;
        rows.push({ value: v, label: i >= 0 ? resolved.labels[i] : v, count: null });
        listed.add(v);
      }
    }
    for (const v of shown) if (!listed.has(v.value)) rows.push(v);
    replace(entry.list, rows.map((v) => this.row(name, v, selected.has(v.value))));
    const n = resolved ? resolved.values.length : (this.hooks.state().filters[name] ?? []).length;
    replace(entry.summary, entry.facet.label, n ? el('span', { class: 'selected-count' }, ` (${n} selected)`) : null);
    if (n) entry.box.open = true;
    let note = '';
    if (rows.length === 0) note = matching ? `No ${entry.facet.label} match “${matching}”.` : counts ? `No ${entry.facet.label} in these hits.` : '';
    else if (counts?.other_values > 0) note = `${num(counts.other_values)} more: type above to find one.`;
    entry.note.textContent = note;
  }

  row(name, v, checked) {
    const box = el('input', { type: 'checkbox', value: v.value, checked });
    box.addEventListener('change', () => this.hooks.toggle(name, v.value, box.checked));
    return el('li', {},
      el('label', {}, box,
        el('span', { class: 'value' }, v.label ?? v.value),
        v.count == null ? null : el('span', { class: 'count' }, num(v.count))));
  }
}
