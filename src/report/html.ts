import type { Assessment, ItemResult, Score } from '../assessment/score.js';
import { dueStatus } from '../assessment/recheck.js';
import type { AnswerValue, Severity } from '../playbook/schema.js';
import { checklistOf, DISCLAIMER, type Checklist } from './checklist.js';
import { barChart, type ChartRow } from './html-chart.js';
import { html, linkify, shorten, type Html } from './html-escape.js';
import { blocks, page, type PageOptions } from './html-page.js';
import { answerWord, percentText, VERDICT_WORDS } from './readiness.js';

/**
 * The readiness report and the checklist as self-contained HTML: a rendering
 * of the same Assessment as the markdown, section by section, each section a
 * small function of the assessment so new fields get a section of their own.
 */

const VERDICT_SYMBOL = { ready: '✔', 'ready-with-gaps': '▲', 'not-ready': '✘' } as const;
const SEVERITY_TITLES: Record<Severity, string> = { critical: 'Critical gaps', major: 'Major gaps', minor: 'Minor gaps' };
const KIND_TITLES = { skill: 'Skills', 'focus-area': 'Focus areas', custom: 'Custom playbooks' } as const;
const CHECKLIST_STATUS: Record<AnswerValue | 'open', string> = { yes: 'in place', na: 'not needed here', partly: 'partly in place', no: 'missing', open: 'not answered yet' };
const DUE_WORDS = { due: 'due now', soon: 'within 30 days', later: 'later' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const key = (k: string) => html`<code class="key">${k}</code>`;

function itemsOf(a: Assessment, keys: readonly string[]): ItemResult[] {
  const byKey = new Map<string, ItemResult>(a.items.map((i) => [i.key, i]));
  return keys.map((k) => byKey.get(k)).filter((i): i is ItemResult => i !== undefined);
}

function header(a: Assessment): Html {
  return html`<p class="kicker">Outsourcing readiness report</p>
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

/** One blocker or gap: the question, its key, severity and answer, then why, fix and the user's note. */
function itemCard(item: ItemResult): Html {
  return html`<li class="item">
<div class="item-head">${item.question}</div>
<div class="tag">${key(item.key)} · ${item.severity} · answered ${answerWord(item)}</div>
<dl>
<dt>Why</dt><dd>${linkify(item.why)}</dd>
<dt>Fix</dt><dd>${linkify(item.fix)}</dd>
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

/** The clauses as checkboxes, ticked when in place; a reader may tick more by hand before printing. */
export function checklistGroups(checklist: Checklist, level: 2 | 3): Html {
  const h = (text: string, id: string) => (level === 2 ? html`<h2 id="${id}">${text}</h2>` : html`<h3 id="${id}">${text}</h3>`);
  return html`${checklist.groups.map(
    ({ group, title, lines }) => html`${h(title, `clauses-${group}`)}
<ul class="checklist" aria-labelledby="clauses-${group}">
${lines.map((l, n) => {
  const id = `clause-${group}-${n + 1}`;
  const status = checklist.answered ? html`<span class="status">${CHECKLIST_STATUS[l.answer ?? 'open']}; from </span>` : html`<span class="status">from </span>`;
  return html`<li><input type="checkbox" id="${id}"${l.done ? html` checked` : null}><label for="${id}">${linkify(l.text)} ${status}${key(l.key)}${l.note ? html`<br><span class="note">Note: ${linkify(l.note)}</span>` : null}</label></li>`;
})}
</ul>`,
  )}`;
}

function checklistSection(a: Assessment): Html {
  return html`<section aria-labelledby="checklist-title">
<h2 id="checklist-title">Pre-contract checklist</h2>
<p>Ticked lines are in place; open ones name the readiness item they come from.</p>
${checklistGroups(checklistOf(a, true), 3)}
</section>`;
}

function appendixSection(a: Assessment): Html {
  const live = a.items.filter((i) => i.excluded === null);
  const notAsked = a.items.length - live.length;
  const playbooks = a.playbooks.map((p) => ({ p, items: live.filter((i) => i.playbook === p.id) })).filter((x) => x.items.length > 0);
  return html`<section aria-labelledby="appendix-title">
<h2 id="appendix-title">Appendix: every answer</h2>
${playbooks.map(
  ({ p, items }) => html`<h3>Answers, ${p.title}</h3>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Item</th><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Note</th></tr></thead>
<tbody>
${items.map((i) => html`<tr><td>${key(i.key)}</td><td>${i.question}</td><td>${answerWord(i)}</td><td class="note">${i.note ? linkify(i.note) : null}</td></tr>`)}
</tbody>
</table></div>`,
)}
${notAsked > 0 ? html`<p>${notAsked === 1 ? '1 item was' : `${notAsked} items were`} not asked: they do not apply to a ${a.engagement.type} engagement, or an earlier answer made them moot.</p>` : null}
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
    `Outsourcing readiness: ${shorten(a.engagement.vendor, 60)}`,
    blocks([header(a), verdictSection(a), factsSection(a), scoresSection(a), blockersSection(a), gapsSection(a), recheckSection(a), checklistSection(a), appendixSection(a), footer()]),
    options,
  );
}

export function renderHtmlChecklist(checklist: Checklist, context: { vendor: string | null; type: string; date: string }, options: PageOptions = {}): string {
  const total = checklist.groups.reduce((n, g) => n + g.lines.length, 0);
  const done = checklist.groups.reduce((n, g) => n + g.lines.filter((l) => l.done).length, 0);
  const title = context.vendor ? `Pre-contract checklist: ${shorten(context.vendor, 60)}` : `Pre-contract checklist for a ${context.type} engagement`;
  return page(
    title,
    blocks([
      html`<p class="kicker">Pre-contract checklist</p>
<h1>${context.vendor ? shorten(context.vendor, 120) : `For a ${context.type} engagement`}</h1>`,
      html`<p>${
        checklist.answered
          ? `${done} of ${total} clauses are in place (as of ${context.date}). Every open line names the readiness item it comes from.`
          : `${total} clauses to have in the contract or its schedules before you sign a ${context.type} engagement (${context.date}).`
      }</p>`,
      checklistGroups(checklist, 2),
      footer(),
    ]),
    options,
  );
}
