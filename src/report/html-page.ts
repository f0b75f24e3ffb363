import { createHash } from 'node:crypto';
import type { Paper } from './formats.js';
import { html, trusted, type Html, type HtmlPart } from './html-escape.js';
import { notesLeftOut, type NotesFlag } from './notes.js';

/**
 * The one stylesheet of every HTML output. Colours meet WCAG AA contrast on
 * their backgrounds; the verdict's colour always comes with its word and a
 * symbol. The print rules keep rows, items and figures whole and headings
 * with what follows, for A4 and Letter alike (no fixed page size).
 */
const CSS = `
:root { --ink: #1d2430; --muted: #4d5766; --line: #d5dae1; --bar: #2f5d8a; --ready: #17663a; --ready-bg: #e5f3ea; --gaps: #7a4a00; --gaps-bg: #fff1d6; --not: #a01c1c; --not-bg: #fbe9e9; }
* { box-sizing: border-box; }
html { color-scheme: light; -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
h1, h2, h3, p, li, td, th, dd, figcaption { overflow-wrap: anywhere; }
.kicker { margin: 0; color: var(--muted); font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.04em; }
.verdict { border: 2px solid; border-left-width: 0.5rem; border-radius: 0.4rem; padding: 0.6rem 1rem; margin: 0 0 1rem; }
.verdict h2 { border: 0; margin: 0; padding: 0; font-size: 1.6rem; }
.verdict p { margin: 0.3rem 0; }
.verdict ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
.verdict-ready { color: var(--ready); background: var(--ready-bg); }
.verdict-ready-with-gaps { color: var(--gaps); background: var(--gaps-bg); }
.verdict-not-ready { color: var(--not); background: var(--not-bg); }
.verdict p, .verdict li { color: var(--ink); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; max-width: 48rem; display: block; }
figcaption { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f5f8; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
.best { font-weight: 700; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ol.items, ul.items { padding-left: 1.5rem; }
li.item { margin: 0 0 1rem; }
.item-head { font-weight: 600; }
.key { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; background: #f3f5f8; padding: 0 0.2em; border-radius: 0.2em; overflow-wrap: anywhere; }
.tag { font-size: 0.85rem; color: var(--muted); }
.item dl { margin: 0.2rem 0 0; display: grid; grid-template-columns: 5.5rem 1fr; gap: 0.1rem 0.6rem; }
.item dt { font-weight: 600; }
.item dd { margin: 0; }
.note { white-space: pre-line; }
ul.regions { margin: 0.2rem 0 0; padding-left: 1.2rem; }
.ask { font-style: italic; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { margin: 0 0 0.5rem; display: flex; gap: 0.5rem; align-items: flex-start; }
ul.checklist input { margin-top: 0.3rem; flex: none; width: 1.1rem; height: 1.1rem; }
.status { color: var(--muted); }
.due-now { font-weight: 700; color: var(--not); }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
a { color: #1f4f86; }
@media (max-width: 40rem) {
  main { padding: 0.5rem 0.75rem 2rem; }
  h1 { font-size: 1.3rem; }
  .verdict h2 { font-size: 1.35rem; }
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.3rem; }
}
@page { margin: 15mm 14mm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; }
  li.item { margin-bottom: 0.5rem; }
  th, td { padding: 0.15rem 0.4rem; }
  figure svg { max-width: 36rem; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.2rem; }
  h1, h2, h3, .item-head { break-after: avoid; page-break-after: avoid; }
  tr, li.item, ul.checklist li, figure, .verdict, .facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  .verdict, thead th, .key, svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: underline; }
}
`;

export interface PageOptions {
  /** A fixed paper size, for --format pdf; without it the reader's print dialog chooses. */
  paper?: Paper | undefined;
}

function stylesheet(options: PageOptions): string {
  return options.paper ? `${CSS}@page { size: ${options.paper === 'a4' ? 'A4' : 'letter'}; }\n` : CSS;
}

/** The stylesheet's hash, so the page's policy allows that one style element and nothing else. */
function styleSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * No script, no request: nothing may load from anywhere, styles only from
 * the one inline stylesheet, images only as inline data, and no form or base
 * URL can send the reader elsewhere.
 */
export function contentSecurityPolicy(css: string): string {
  return `default-src 'none'; style-src ${styleSource(css)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** A whole self-contained document: the page title is cut to fit a browser tab; the body is given whole. */
export function page(title: string, body: HtmlPart, options: PageOptions = {}): string {
  const css = stylesheet(options);
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(css)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${trusted(css)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value
  }`;
}

/** The line a page carries when --no-notes left the user's notes out (the result object says so), or nothing. */
export function notesLeftOutLine(flag: NotesFlag, what: Parameters<typeof notesLeftOut>[0]): Html | null {
  return flag.notes_omitted ? html`<p class="notes-left-out">${notesLeftOut(what)}</p>` : null;
}

/** A paragraph-level fragment built from parts; here so section functions read as a list of blocks. */
export function blocks(parts: readonly HtmlPart[]): Html {
  return html`${parts.filter((p) => p !== null && p !== undefined && p !== false).map((p) => html`${p}\n`)}`;
}
