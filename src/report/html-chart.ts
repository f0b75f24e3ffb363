import { html, shorten, type Html } from './html-escape.js';

/**
 * A horizontal bar chart of 0–100 scores as inline SVG: one row per area,
 * one bar per series (a vendor, a date), each with its number written beside
 * it. Several series are told apart by name as well as colour. The whole is
 * one image for assistive technology, described by a sentence per row.
 */

export type ChartRow = { heading: string } | { label: string; values: readonly (number | null)[]; strong?: boolean };

export interface ChartSpec {
  /** Prefix of the element ids; unique within the page. */
  id: string;
  title: string;
  series: readonly string[];
  rows: readonly ChartRow[];
  threshold?: number;
}

// Distinct in hue and lightness, so they stay apart in greyscale print too.
const SERIES_COLOURS = ['#2f5d8a', '#c06000', '#6a4c9c', '#2e7d4f', '#a3324f', '#5f6b7a'];

const WIDTH = 640;
const LABEL_X = 4;
const PLOT_X0 = 196;
const PLOT_X1 = 560;
const BAR_H = 16;
const BAR_GAP = 3;
const ROW_GAP = 10;
const HEADING_H = 26;
const TOP = 26;
const AXIS_H = 24;

const x = (value: number) => PLOT_X0 + ((PLOT_X1 - PLOT_X0) * Math.max(0, Math.min(100, value))) / 100;
const shown = (value: number | null) => (value === null ? 'n/a' : String(Math.round(value)));

/** Legend entries laid left to right, wrapping to a new line at the chart's width; returns them and the height they take. */
function legendOf(series: readonly string[]): { parts: Html[]; height: number } {
  if (series.length < 2) return { parts: [], height: 0 };
  const parts: Html[] = [];
  let lx = LABEL_X;
  let ly = 4;
  for (const [i, full] of series.entries()) {
    const name = shorten(full, 24);
    const w = 16 + name.length * 7.5 + 14;
    if (lx > LABEL_X && lx + w > WIDTH) {
      lx = LABEL_X;
      ly += 18;
    }
    parts.push(html`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length] ?? ''}"/><text x="${lx + 16}" y="${ly + 10}" font-size="12">${name}</text>`);
    lx += w;
  }
  return { parts, height: ly + 18 };
}

export function barChart(spec: ChartSpec): Html {
  const multi = spec.series.length > 1;
  const legend = legendOf(spec.series);
  const top = TOP + legend.height;
  const parts: Html[] = [];
  const sentences: string[] = [];
  let y = top;
  for (const row of spec.rows) {
    if ('heading' in row) {
      parts.push(html`<text x="${LABEL_X}" y="${y + 17}" font-weight="700">${shorten(row.heading, 40)}</text>`);
      y += HEADING_H;
      continue;
    }
    const height = spec.series.length * (BAR_H + BAR_GAP) - BAR_GAP;
    parts.push(html`<text x="${LABEL_X + 10}" y="${y + height / 2 + 5}"${row.strong ? html` font-weight="700"` : null}>${shorten(row.label, 24)}</text>`);
    row.values.forEach((value, i) => {
      const barTop = y + i * (BAR_H + BAR_GAP);
      const text = multi ? `${shorten(spec.series[i] ?? '', 24)}: ${shown(value)}` : shown(value);
      if (value !== null && value > 0) parts.push(html`<rect x="${PLOT_X0}" y="${barTop}" width="${(x(value) - PLOT_X0).toFixed(1)}" height="${BAR_H}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length] ?? ''}"/>`);
      // A white outline keeps the number readable where the threshold or a grid line crosses it.
      parts.push(html`<text x="${(x(value ?? 0) + 5).toFixed(1)}" y="${barTop + BAR_H - 3}" font-size="13" stroke="#fff" stroke-width="4" paint-order="stroke"${row.strong ? html` font-weight="700"` : null}>${text}</text>`);
    });
    sentences.push(`${row.label}: ${row.values.map((v, i) => (multi ? `${spec.series[i] ?? ''} ${shown(v)}` : shown(v))).join(', ')}.`);
    y += height + ROW_GAP;
  }
  const plotBottom = y - ROW_GAP + 4;
  const grid = [0, 25, 50, 75, 100].map(
    (t) => html`<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${plotBottom}" stroke="#d5dae1"/><text x="${x(t)}" y="${plotBottom + 16}" text-anchor="middle" font-size="12" fill="#4d5766">${t}</text>`,
  );
  const threshold =
    spec.threshold === undefined
      ? null
      : html`<line x1="${x(spec.threshold)}" y1="${top - 10}" x2="${x(spec.threshold)}" y2="${plotBottom}" stroke="#1d2430" stroke-dasharray="4 3"/><text x="${x(spec.threshold)}" y="${top - 13}" text-anchor="middle" font-size="12">threshold ${spec.threshold}</text>`;
  const height = plotBottom + AXIS_H;
  const description = `${spec.threshold === undefined ? '' : `Threshold ${spec.threshold}. `}${sentences.join(' ')}`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" font-size="14" fill="#1d2430">
<title id="${spec.id}-title">${spec.title}</title>
<desc id="${spec.id}-desc">${description}</desc>
${grid}${threshold}${legend.parts}
${parts}
</svg>`;
}
