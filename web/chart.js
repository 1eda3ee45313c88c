// The attention-over-time chart: one line per query over calendar buckets,
// drawn with the vendored uPlot (global `uPlot`). Dragging across it reports
// the first and last day of the buckets under the selection. Each series
// has its own colour and its own dash pattern, so it reads without colour.

import { el, replace, num } from './dom.js';

/** Colours (Okabe-Ito, safe for colour-blind readers) and dash patterns. */
export const SERIES_STYLE = [
  { stroke: '#0072B2', dash: [], name: 'solid' },
  { stroke: '#D55E00', dash: [10, 5], name: 'dashed' },
  { stroke: '#009E73', dash: [2, 4], name: 'dotted' },
  { stroke: '#CC79A7', dash: [12, 4, 3, 4], name: 'dash-dot' },
];

/** Tick steps of the count axis: whole numbers only. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6, 1e7];

/** At most `n` evenly spaced items of `xs`, the first always among them. */
function thin(xs, n) {
  if (xs.length <= n) return xs;
  const step = Math.ceil(xs.length / n);
  return xs.filter((x, i) => i % step === 0);
}

/** Last day (YYYY-MM-DD) of the bucket that starts at `start` (a Date). */
function bucketLastDay(start, interval) {
  const d = new Date(start.getTime());
  if (interval === 'day') return d;
  if (interval === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + 1, 0);
  else if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 0);
  return d;
}

function ymd(d) {
  return d.toISOString().slice(0, 10);
}

/** A chart in `container`; `onRange(since, until)` is called after a drag. */
export class Chart {
  constructor(container, onRange) {
    this.container = container;
    this.onRange = onRange;
    this.plot = null;
    this.starts = [];
    this.interval = 'month';
    window.addEventListener('resize', () => this.resize());
  }

  /** Show a message instead of a chart. */
  message(text) {
    this.destroy();
    replace(this.container, el('p', { class: 'chart-empty' }, text));
  }

  destroy() {
    if (this.plot) this.plot.destroy();
    this.plot = null;
  }

  resize() {
    if (this.plot) this.plot.setSize(this.size());
  }

  size() {
    const width = Math.max(260, this.container.clientWidth || 600);
    return { width, height: width < 500 ? 180 : 220 };
  }

  /** Draw `series` ([{label, values}]) over `buckets` ([{key, start}]). */
  draw({ buckets, series, share, interval }) {
    this.destroy();
    replace(this.container);
    if (typeof uPlot !== 'function') {
      this.message('The chart library did not load.');
      return;
    }
    this.interval = interval;
    this.starts = buckets.map((b) => new Date(b.start));
    const xs = this.starts.map((d) => d.getTime() / 1000);
    const keys = new Map(xs.map((x, i) => [x, buckets[i].key]));
    const few = xs.length <= 60;
    const data = [xs, ...series.map((s) => s.values.map((v) => (v == null ? null : share ? v * 100 : v)))];
    const opts = {
      ...this.size(),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      axes: [
        {
          stroke: '#333',
          grid: { stroke: '#ddd' },
          // Ticks on bucket starts, labelled with the bucket keys, as many as fit.
          splits: () => thin(xs, Math.max(2, Math.floor(this.size().width / 90))),
          values: (u, ticks) => ticks.map((t) => keys.get(t) ?? ''),
        },
        {
          stroke: '#333',
          grid: { stroke: '#ddd' },
          size: 60,
          incrs: share ? undefined : COUNT_STEPS,
          values: (u, ticks) => ticks.map((t) => (share ? `${+t.toFixed(3)}%` : num(t))),
        },
      ],
      series: [
        { label: 'date' },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: SERIES_STYLE[i].stroke,
          dash: SERIES_STYLE[i].dash,
          width: 2,
          spanGaps: false,
          points: { show: few, size: 6 },
        })),
      ],
      hooks: { setSelect: [(u) => this.selected(u)] },
    };
    this.plot = new uPlot(opts, data, this.container);
  }

  /** After a drag: the buckets under the selection become a date range. */
  selected(u) {
    if (!u.select || u.select.width < 2 || this.starts.length === 0) return;
    const lo = u.posToVal(u.select.left, 'x') * 1000;
    const hi = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    // The bucket holding a point is the last one starting at or before it.
    const find = (t) => {
      let i = 0;
      while (i + 1 < this.starts.length && this.starts[i + 1].getTime() <= t) i++;
      return i;
    };
    const first = this.starts[find(lo)];
    const last = this.starts[find(hi)];
    this.onRange(ymd(first), ymd(bucketLastDay(last, this.interval)));
  }
}
