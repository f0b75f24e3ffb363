import type { Assessment, ItemResult, Score } from '../assessment/score.js';
import { dueStatus } from '../assessment/recheck.js';
import type { EngagementType, Severity } from '../playbook/schema.js';
import { REGION_LABELS } from '../assessment/regions.js';
import { checklistOf, clauseCount, DISCLAIMER, statusWords, type Checklist, type ChecklistLine } from './checklist.js';
import { barChart, type ChartRow } from './html-chart.js';
import { html, linkify, shorten, type Html } from './html-escape.js';
import { blocks, notesLeftOutLine, page, type PageOptions } from './html-page.js';
import { answerWord, percentText, regionLine, VERDICT_WORDS } from './readiness.js';
import { ENGAGEMENT_PHRASES, notAskedSentence } from './engagement-words.js';

/**
 * The readiness report and the checklist as self-contained HTML: a rendering
 * of the same Assessment as the markdown, section by section, each section a
 * small function of the assessment so new fields get a section of their own.
 */

const VERDICT_SYMBOL = { ready: '✔', 'ready-with-gaps': '▲', 'not-ready': '✘' } as const;
const SEVERITY_TITLES: Record<Severity, string> = { critical: 'Critical gaps', major: 'Major gaps', minor: 'Minor gaps' };
const KIND_TITLES = { skill: 'Skills', 'focus-area': 'Focus areas', custom: 'Custom playbooks' } as const;
const DUE_WORDS = { due: 'due now', soon: 'within 30 days', later: 'later' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const live = (a: Assessment) => a.items.filter((i) => i.excluded === null);
const key = (k: string) => html`<code class="key">${k}</code>`;

function itemsOf(a: Assessment, keys: readonly string[]): ItemResult[] {
  const byKey = new Map<string, ItemResult>(a.items.map((i) => [i.key, i]));
  return keys.map((k) => byKey.get(k)).filter((i): i is ItemResult => i !== undefined);
}

function header(a: Assessment): Html {
  return html`<p class="kicker">${a.stage === 'onboarding' ? 'Onboarding check' : 'Outsourcing readiness report'}</p>
<h1>${shorten(a.engagement.vendor, 120)}</h1>`;
}

function verdictSection(a: Assessment): Html {
  const level = a.verdict.level;
  const blockers = a.blockers.length;
  const gaps = a.gaps.length;
  return html`<section class="verdict verdict-${level}" id="verdict" aria-labelledby="verdict-title">
<h2 id="verdict-title"><span aria-hidden="true">${VERDICT_SYMBOL[level]}</span> Verdict: ${VERDICT_WORDS[level]}</h2>
<p><strong>Overall score ${percentText(a.scores.overall)} of 100</strong> (threshold ${a.threshold}); ${plural(blockers, 'blocker')}, ${plural(gaps, 'gap')}.</p>
<ul>${a.verdict.reasons.map((r) => html`<li>${r}</li>`)}</ul>
</section>`;
}

function factsSection(a: Assessment): Html {
  const e = a.engagement;
  return html`<dl class="facts">
<dt>Vendor</dt><dd>${e.vendor}</dd>
<dt>Engagement type</dt><dd>${e.type}</dd>
${e.scope ? html`<dt>Scope</dt><dd>${linkify(e.scope)}</dd>` : null}
<dt>Regions</dt><dd>${regionLine(a)}</dd>
<dt>Stage</dt><dd>${a.stage === 'onboarding' ? 'onboarding, the first weeks after signing' : 'before signing'}</dd>
${a.quick ? html`<dt>Quick check</dt><dd>only the ${plural(live(a).length, 'item')} critical for ${ENGAGEMENT_PHRASES[e.type]}, and what they depend on</dd>` : null}
<dt>Assessed</dt><dd>${a.generated.slice(0, 10)}</dd>
<dt>Playbooks</dt><dd>${a.playbooks.map((p, i) => html`${i ? ', ' : ''}${p.id} ${p.version}`)}</dd>
</dl>`;
}

function answeredText(score: Score): string {
  const c = score.counts;
  const asked = c.yes + c.partly + c.no + c.na + c.unanswered;
  return `${asked - c.unanswered}/${asked}`;
}

/** The totals shown beside the playbooks: a kind's total only when that kind has something scored or marked n/a. */
function totals(a: Assessment): [string, Score][] {
  const all: [string, Score][] = [
    ['Skills', a.scores.skills],
    ['Focus areas', a.scores.focus_areas],
    ['Custom playbooks', a.scores.custom],
  ];
  return all.filter(([, s]) => s.possible > 0 || s.counts.na > 0);
}

function scoreChartRows(a: Assessment): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const kind of ['skill', 'focus-area', 'custom'] as const) {
    const of = a.playbooks.filter((p) => p.kind === kind);
    if (of.length === 0) continue;
    rows.push({ heading: KIND_TITLES[kind] }, ...of.map((p) => ({ label: p.title, values: [p.score.percent] })));
  }
  rows.push({ heading: 'Total' }, { label: 'Overall', values: [a.scores.overall.percent], strong: true });
  return rows;
}

function scoresSection(a: Assessment): Html {
  const row = (label: Html | string, kind: string, score: Score, strong = false) =>
    html`<tr${strong ? html` class="best"` : null}><th scope="row">${label}</th><td>${kind}</td><td class="num">${percentText(score)}</td><td class="num">${answeredText(score)}</td></tr>`;
  return html`<section aria-labelledby="scores-title">
<h2 id="scores-title">Scores</h2>
<figure>
${barChart({ id: 'scores-chart', title: 'Readiness by area, out of 100', series: ['Score'], rows: scoreChartRows(a), threshold: a.threshold })}
<figcaption>Score per playbook out of 100; the dashed line is the threshold of ${a.threshold}. The table below gives the same numbers.</figcaption>
</figure>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Area</th><th scope="col">Kind</th><th scope="col" class="num">Score</th><th scope="col" class="num">Answered</th></tr></thead>
<tbody>
${a.playbooks.map((p) => row(p.title, p.kind, p.score))}
${totals(a).map(([label, score]) => row(label, 'total', score))}
${row('Overall', 'total', a.scores.overall, true)}
</tbody>
</table></div>
</section>`;
}

/** The region notes on an item's why or fix, each labelled with its region (all of them when the client's region is not known). */
function regionNotes(item: ItemResult, part: 'why' | 'fix'): Html | null {
  const notes = item.region_notes.filter((n) => n[part]);
  if (notes.length === 0) return null;
  return html`<ul class="regions">${notes.map((n) => html`<li><strong>${REGION_LABELS[n.region]}:</strong> ${linkify(n[part] ?? '')}</li>`)}</ul>`;
}

/** One blocker or gap: the question, its key, severity and answer, then why, fix and the user's note. */
function itemCard(item: ItemResult): Html {
  return html`<li class="item">
<div class="item-head">${item.question}</div>
<div class="tag">${key(item.key)} · ${item.severity} · answered ${answerWord(item)}</div>
<dl>
<dt>Why</dt><dd>${linkify(item.why)}${regionNotes(item, 'why')}</dd>
<dt>Fix</dt><dd>${linkify(item.fix)}${regionNotes(item, 'fix')}</dd>
${item.note ? html`<dt>Your note</dt><dd class="note">${linkify(item.note)}</dd>` : null}
</dl>
</li>`;
}

function blockersSection(a: Assessment): Html {
  const items = itemsOf(a, a.blockers);
  return html`<section aria-labelledby="blockers-title">
<h2 id="blockers-title">Blockers</h2>
${items.length ? html`<ol class="items">${items.map(itemCard)}</ol>` : html`<p>None: every critical item that applies is at least partly in place.</p>`}
</section>`;
}

function gapsSection(a: Assessment): Html {
  const gaps = itemsOf(a, a.gaps);
  const bySeverity = (['critical', 'major', 'minor'] as const)
    .map((severity) => ({ severity, items: gaps.filter((g) => g.severity === severity) }))
    .filter((g) => g.items.length > 0);
  return html`<section aria-labelledby="gaps-title">
<h2 id="gaps-title">Gaps</h2>
${gaps.length ? null : html`<p>None.</p>`}
${bySeverity.map(({ severity, items }) => html`<h3>${SEVERITY_TITLES[severity]}</h3>
<ol class="items">${items.map(itemCard)}</ol>`)}
</section>`;
}

function recheckSection(a: Assessment): Html | null {
  const due = a.items.filter((i) => i.excluded === null && i.due !== null).sort((x, y) => (x.due ?? '').localeCompare(y.due ?? ''));
  if (due.length === 0) return null;
  const now = new Date(a.generated);
  return html`<section aria-labelledby="rechecks-title">
<h2 id="rechecks-title">Re-checks</h2>
<p>These answers go stale: confirm them again by the date given (<code>outsource-check check --recheck FILE</code> asks only these).</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Item</th><th scope="col">Answered</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
<tbody>
${due.map((i) => {
  const status = dueStatus(i.due ?? '', now);
  return html`<tr><td>${key(i.key)}</td><td>${(i.answered ?? '').slice(0, 10)}</td><td>${i.due}</td><td${status === 'due' ? html` class="due-now"` : null}>${DUE_WORDS[status]}</td></tr>`;
})}
</tbody>
</table></div>
</section>`;
}

/** Where a clause stands, in words: in place, missing, or the condition it waits on; and the items it comes from. */
function clauseStatus(line: ChecklistLine, answered: boolean): Html {
  const from = html`from ${line.items.map((i, n) => html`${n ? ', ' : ''}${key(i.key)}`)}`;
  if (line.status === 'conditional') return html`<span class="status">only if ${line.condition ?? ''}; </span>${from}`;
  return answered ? html`<span class="status">${statusWords(line)}; </span>${from}` : from;
}

/** The clauses as checkboxes, ticked when in place, each with what to ask for; a reader may tick more by hand before printing. */
export function checklistGroups(checklist: Checklist, level: 2 | 3): Html {
  const h = (text: string, id: string) => (level === 2 ? html`<h2 id="${id}">${text}</h2>` : html`<h3 id="${id}">${text}</h3>`);
  const notes = (line: ChecklistLine) => line.items.filter((i) => i.note).map((i) => html`<br><span class="note">Your note on ${key(i.key)}: ${linkify(i.note ?? '')}</span>`);
  const groups = checklist.groups.map(
    ({ group, title, lines }) => html`${h(title, `clauses-${group}`)}
<ul class="checklist" aria-labelledby="clauses-${group}">
${lines.map((l) => {
  const id = `clause-${l.id}`;
  return html`<li><input type="checkbox" id="${id}"${l.status === 'done' ? html` checked` : null}><label for="${id}">${linkify(l.text)} ${clauseStatus(l, checklist.answered)}${l.position ? html`<br><span class="ask">Ask for: ${linkify(l.position)}</span>` : null}${notes(l)}</label></li>`;
})}
</ul>`,
  );
  const notNeeded =
    checklist.not_needed.length > 0
      ? html`${h('Not needed for this engagement', 'clauses-not-needed')}
<ul aria-labelledby="clauses-not-needed">${checklist.not_needed.map((l) => {
          const why = l.items.some((i) => i.answer === 'na') ? 'answered not applicable' : 'ruled out by an earlier answer';
          return html`<li>${linkify(l.text)} <span class="status">(${why}; </span>${clauseStatus({ ...l, status: 'open' }, false)}<span class="status">)</span>${notes(l)}</li>`;
        })}</ul>`
      : null;
  return html`${groups}${notNeeded}`;
}

function checklistSection(a: Assessment): Html | null {
  const checklist = checklistOf(a, true);
  if (checklist.groups.length + checklist.not_needed.length === 0) return null;
  return html`<section aria-labelledby="checklist-title">
<h2 id="checklist-title">Pre-contract checklist</h2>
<p>Ticked lines are in place; each line says what to ask for and names the readiness items it comes from.</p>
${checklistGroups(checklist, 3)}
</section>`;
}

/** Onboarding items, left out of a signing check: what to set up in the first weeks after signing. */
function afterSigningSection(a: Assessment): Html | null {
  const tasks = a.items.filter((i) => i.stage === 'onboarding' && i.excluded === 'stage');
  if (tasks.length === 0) return null;
  return html`<section aria-labelledby="after-signing-title">
<h2 id="after-signing-title">After you sign</h2>
<p>Set these up in the first weeks after signing; they are not scored now. <code>outsource-check check --stage onboarding</code> checks them once the vendor has started.</p>
<ol class="items">${tasks.map(
    (t) => html`<li class="item">
<div class="item-head">${t.question}</div>
<div class="tag">${key(t.key)}</div>
<dl><dt>How</dt><dd>${linkify(t.fix)}${regionNotes(t, 'fix')}</dd></dl>
</li>`,
  )}</ol>
</section>`;
}

function needsTable(a: Assessment): Html | null {
  const needs = a.needs.filter((n) => n.excluded === null);
  if (needs.length === 0) return null;
  return html`<h3>About this engagement</h3>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Item</th><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Note</th></tr></thead>
<tbody>
${needs.map((n) => html`<tr><td>${key(n.key)}</td><td>${n.question}</td><td>${answerWord(n)}</td><td class="note">${n.note ? linkify(n.note) : null}</td></tr>`)}
</tbody>
</table></div>`;
}

function appendixSection(a: Assessment): Html {
  const asked = live(a);
  const notAsked = a.items.length - asked.length;
  const playbooks = a.playbooks.map((p) => ({ p, items: asked.filter((i) => i.playbook === p.id) })).filter((x) => x.items.length > 0);
  return html`<section aria-labelledby="appendix-title">
<h2 id="appendix-title">Appendix: every answer</h2>
${needsTable(a)}
${playbooks.map(
  ({ p, items }) => html`<h3>Answers, ${p.title}</h3>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Item</th><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Note</th></tr></thead>
<tbody>
${items.map((i) => html`<tr><td>${key(i.key)}</td><td>${i.question}</td><td>${answerWord(i)}</td><td class="note">${i.note ? linkify(i.note) : null}</td></tr>`)}
</tbody>
</table></div>`,
)}
${
  notAsked > 0
    ? html`<p>${notAskedSentence(notAsked, a.engagement.type, a.quick, Boolean(a.engagement.client_region))}</p>`
    : null
}
${a.unknown_answers.length > 0 ? unknownAnswers(a) : null}
</section>`;
}

function unknownAnswers(a: Assessment): Html {
  return html`<h3>Answers that match no item</h3>
<p>These were in the answers file but match no item of the loaded playbooks, so they are not scored. Rename or remove them.</p>
<ul>${a.unknown_answers.map(
    (u) => html`<li>${key(u.key)}: ${u.answer ? answerWord(u) : 'not answered'}${u.suggestion ? html` (did you mean ${key(u.suggestion)}?)` : null}${u.note ? html` <span class="note">Note: ${linkify(u.note)}</span>` : null}</li>`,
  )}</ul>`;
}

function footer(): Html {
  return html`<footer><p><em>${DISCLAIMER}</em></p></footer>`;
}

export function renderHtmlReport(a: Assessment, options: PageOptions = {}): string {
  return page(
    `${a.stage === 'onboarding' ? 'Onboarding check' : 'Outsourcing readiness'}: ${shorten(a.engagement.vendor, 60)}`,
    blocks([header(a), verdictSection(a), factsSection(a), notesLeftOutLine(a, 'report'), scoresSection(a), blockersSection(a), gapsSection(a), recheckSection(a), afterSigningSection(a), checklistSection(a), appendixSection(a), footer()]),
    options,
  );
}

export function renderHtmlChecklist(checklist: Checklist, context: { vendor: string | null; type: EngagementType; date: string }, options: PageOptions = {}): string {
  const { total, done, conditional } = clauseCount(checklist);
  const ifs = conditional > 0 ? ` ${conditional} of them only under the condition given on the line.` : '';
  const title = context.vendor ? `Pre-contract checklist: ${shorten(context.vendor, 60)}` : `Pre-contract checklist for ${ENGAGEMENT_PHRASES[context.type]}`;
  return page(
    title,
    blocks([
      html`<p class="kicker">Pre-contract checklist</p>
<h1>${context.vendor ? shorten(context.vendor, 120) : `For ${ENGAGEMENT_PHRASES[context.type]}`}</h1>`,
      html`<p>${
        checklist.answered
          ? `${done} of ${total} clauses are in place (as of ${context.date}). Each line says what to ask for and names the readiness items it comes from.${ifs}`
          : `${total} clauses to have in the contract or its schedules before you sign ${ENGAGEMENT_PHRASES[context.type]} (${context.date}). Each line says what to ask for.${ifs}`
      }</p>`,
      notesLeftOutLine(checklist, 'checklist'),
      checklistGroups(checklist, 2),
      footer(),
    ]),
    options,
  );
}
