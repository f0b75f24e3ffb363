import type { ItemChange, Timeline, VendorMatrix } from '../compare/compare.js';
import { DISCLAIMER } from './checklist.js';
import { barChart, type ChartRow } from './html-chart.js';
import { html, shorten, type Html } from './html-escape.js';
import { blocks, notesLeftOutLine, page, type PageOptions } from './html-page.js';
import type { NotesFlag } from './notes.js';
import { VERDICT_WORDS } from './readiness.js';

/** compare's decision matrix and timeline as HTML: the same objects as the markdown, with a chart of a series per vendor or date. */

const VERDICT_SHORT = { ready: 'ready', 'ready-with-gaps': 'gaps', 'not-ready': 'not ready' } as const;
const key = (k: string) => html`<code class="key">${k}</code>`;
const num = (v: string | null) => (v === null ? null : Number(v));
const pct = (n: number | null) => (n === null ? 'n/a' : String(Math.round(n)));
const signed = (n: number | null) => {
  if (n === null) return 'n/a';
  const r = Math.round(n);
  return r > 0 ? `+${r}` : String(r);
};

function footer(): Html {
  return html`<footer><p><em>${DISCLAIMER}</em></p></footer>`;
}

function notCompared(list: readonly { key: string; missingFrom: string[] }[]): Html | null {
  if (list.length === 0) return null;
  return html`<section aria-labelledby="not-compared-title">
<h2 id="not-compared-title">Not compared</h2>
<p>These items exist in only some of the files (their playbooks are at different versions), so they were left out of the comparison:</p>
<ul>${list.map((n) => html`<li>${key(n.key)}: missing from ${n.missingFrom.join(', ')}</li>`)}</ul>
</section>`;
}

function matrixChartRows(m: VendorMatrix): ChartRow[] {
  return m.rows.filter((r) => r.kind === 'overall' || r.kind === 'area').map((r) => ({ label: r.label, values: r.values.map(num), strong: r.kind === 'overall' }));
}

function matrixTable(m: VendorMatrix): Html {
  const name = (i: number) => `V${i + 1}`;
  const value = (kind: string, v: string | null) => (v === null ? '–' : kind === 'verdict' ? VERDICT_SHORT[v as keyof typeof VERDICT_SHORT] : v);
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Row</th>${m.columns.map((c, i) => html`<th scope="col" class="num"><abbr title="${c.vendor}">${name(i)}</abbr></th>`)}</tr></thead>
<tbody>
${m.rows.map(
  (r) => html`<tr><th scope="row">${r.kind === 'critical' ? key(r.label) : r.label}</th>${r.values.map((v, i) =>
    r.best.includes(i) ? html`<td class="num best">${value(r.kind, v)} <span aria-hidden="true">★</span><span class="sr-only"> (best)</span></td>` : html`<td class="num">${value(r.kind, v)}</td>`,
  )}</tr>`,
)}
</tbody>
</table></div>`;
}

export function renderHtmlMatrix(m: VendorMatrix & NotesFlag, date: string, options: PageOptions = {}): string {
  const name = (i: number) => `V${i + 1}`;
  const first = m.columns[m.ranking[0] ?? 0];
  return page(
    'Vendor comparison',
    blocks([
      html`<p class="kicker">Vendor comparison</p>
<h1>${m.columns.length} vendors compared on ${date}</h1>`,
      first
        ? html`<section class="verdict verdict-${first.verdict}" id="verdict" aria-labelledby="verdict-title">
<h2 id="verdict-title">First choice: ${shorten(first.vendor, 80)}</h2>
<p>Verdict: ${VERDICT_WORDS[first.verdict].toLowerCase()}; score ${pct(first.overall)}; ${first.blockers} blocker${first.blockers === 1 ? '' : 's'}.</p>
${m.separation ? html`<p>${m.separation}</p>` : null}
</section>`
        : null,
      notesLeftOutLine(m, 'comparison'),
      html`<p>Ranked with vendors without blockers first, then by overall score. ★ marks the best value in each row.</p>
<ol>${m.ranking.map((i) => {
        const c = m.columns[i]!;
        return html`<li><strong>${name(i)}: ${c.vendor}</strong> (${c.type}, assessed ${c.date}): ${VERDICT_SHORT[c.verdict]}, score ${pct(c.overall)}, ${c.blockers} blocker${c.blockers === 1 ? '' : 's'}</li>`;
      })}</ol>`,
      html`<section aria-labelledby="matrix-title">
<h2 id="matrix-title">Decision matrix</h2>
<figure>
${barChart({ id: 'matrix-chart', title: 'Scores by area and vendor, out of 100', series: m.columns.map((_, i) => name(i)), rows: matrixChartRows(m) })}
<figcaption>One bar per vendor (${m.columns.map((c, i) => `${name(i)}: ${shorten(c.vendor, 40)}`).join('; ')}); the table gives the same numbers.</figcaption>
</figure>
${matrixTable(m)}
<p>Rows below the areas are the critical items: an item answered no or left open there is a blocker.</p>
</section>`,
      notCompared(m.notCompared),
      footer(),
    ]),
    options,
  );
}

function changeList(title: string, changes: readonly ItemChange[]): Html | null {
  if (changes.length === 0) return null;
  return html`<h2>${title}</h2>
<ul>${changes.map((c) => html`<li>${key(c.key)} (${c.severity}): ${c.from} → ${c.to}. ${c.question}</li>`)}</ul>`;
}

export function renderHtmlTimeline(t: Timeline & NotesFlag, options: PageOptions = {}): string {
  const first = t.points[0]!;
  const last = t.points.at(-1)!;
  const rows: ChartRow[] = [...t.areas.map((a) => ({ label: a.title, values: a.scores })), { label: 'Overall', values: t.points.map((p) => p.overall), strong: true }];
  return page(
    `Changes over time: ${shorten(t.vendor, 60)}`,
    blocks([
      html`<p class="kicker">Changes over time</p>
<h1>${shorten(t.vendor, 120)}</h1>`,
      html`<section class="verdict verdict-${last.verdict}" id="verdict" aria-labelledby="verdict-title">
<h2 id="verdict-title">Now: ${VERDICT_SHORT[last.verdict]}, score ${pct(last.overall)}</h2>
<p>${t.points.length} assessments from ${first.date} to ${last.date}. Overall ${pct(first.overall)} → ${pct(last.overall)} (${signed(t.overallDelta)}); verdict ${VERDICT_SHORT[first.verdict]} → ${VERDICT_SHORT[last.verdict]}.</p>
</section>`,
      notesLeftOutLine(t, 'comparison'),
      html`<section aria-labelledby="scores-title">
<h2 id="scores-title">Scores</h2>
<figure>
${barChart({ id: 'timeline-chart', title: 'Scores by area at each assessment, out of 100', series: t.points.map((p) => p.date), rows })}
<figcaption>One bar per assessment date; the table gives the same numbers.</figcaption>
</figure>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Area</th>${t.points.map((p) => html`<th scope="col" class="num">${p.date}</th>`)}<th scope="col" class="num">Change</th></tr></thead>
<tbody>
${t.areas.map((a) => html`<tr><th scope="row">${a.title}</th>${a.scores.map((s) => html`<td class="num">${pct(s)}</td>`)}<td class="num">${signed(a.delta)}</td></tr>`)}
<tr class="best"><th scope="row">Overall</th>${t.points.map((p) => html`<td class="num">${pct(p.overall)}</td>`)}<td class="num">${signed(t.overallDelta)}</td></tr>
</tbody>
</table></div>
</section>`,
      html`<h2>Blockers</h2>
${
  t.blockersResolved.length || t.blockersNew.length
    ? html`<ul>${t.blockersResolved.map((k) => html`<li>Resolved: ${key(k)}</li>`)}${t.blockersNew.map((k) => html`<li>New: ${key(k)}</li>`)}</ul>`
    : html`<p>No change in blockers.</p>`
}`,
      changeList('Better', t.better),
      changeList('Worse', t.worse),
      changeList('Now applicable', t.nowApplicable),
      changeList('No longer applicable', t.noLongerApplicable),
      t.versionChanges.length
        ? html`<h2>Playbook versions</h2>
<ul>${t.versionChanges.map((v) => html`<li>${key(v.id)}: ${v.from ?? 'not used'} → ${v.to ?? 'not used'}</li>`)}</ul>`
        : null,
      notCompared(t.notCompared),
      footer(),
    ]),
    options,
  );
}
