import { cutWhere } from '../terminal/text-width.js';
import type { Assessment, ItemResult, Score, VerdictLevel } from '../assessment/score.js';
import { dueStatus } from '../assessment/recheck.js';
import type { Severity } from '../playbook/schema.js';
import { checklistOf, checklistSections, DISCLAIMER } from './checklist.js';
import { REGION_LABELS, REGION_NAMES } from '../assessment/regions.js';
import { bar, bullet, cell, document, fitTable, heading, inline, paragraph, plainText, table } from './md.js';
import { notesLeftOutParagraph } from './notes.js';
import { ENGAGEMENT_PHRASES, notAskedSentence } from './engagement-words.js';

export const VERDICT_WORDS: Record<VerdictLevel, string> = {
  ready: 'Ready',
  'ready-with-gaps': 'Ready, with gaps',
  'not-ready': 'Not ready',
};

const ANSWER_WORDS = { yes: 'yes', partly: 'partly', no: 'no', na: 'not applicable' } as const;

export function answerWord(item: Pick<ItemResult, 'answer'>): string {
  return item.answer ? ANSWER_WORDS[item.answer] : 'not answered';
}

export function percentText(score: Score): string {
  return score.percent === null ? 'n/a' : String(Math.round(score.percent));
}

function answeredText(score: Score): string {
  const c = score.counts;
  const asked = c.yes + c.partly + c.no + c.na + c.unanswered;
  return `${asked - c.unanswered}/${asked}`;
}

export interface RenderOptions {
  chart: boolean;
}

function scoreTable(a: Assessment): string {
  const rows = a.playbooks.map((p) => [cell(p.title, 32), p.kind, percentText(p.score), bar(p.score.percent), answeredText(p.score)]);
  const totals: [string, Score][] = [
    ['Skills', a.scores.skills],
    ['Focus areas', a.scores.focus_areas],
    ['Custom playbooks', a.scores.custom],
  ];
  for (const [label, score] of totals) {
    if (score.possible > 0 || score.counts.na > 0) rows.push([`**${label}**`, 'total', percentText(score), bar(score.percent), answeredText(score)]);
  }
  rows.push(['**Overall**', 'total', `**${percentText(a.scores.overall)}**`, bar(a.scores.overall.percent), answeredText(a.scores.overall)]);
  return table(['Area', 'Kind', 'Score', 'Bar', 'Answered'], rows, ['left', 'left', 'right', 'left', 'right']);
}

/**
 * A Mermaid bar chart. Mermaid's grammar allows no line break inside the
 * label list, so that one line may run past 80 columns; the line-length rule
 * is switched off around the block alone. Labels are quoted, so quotes and
 * brackets in titles are dropped.
 */
function chart(a: Assessment): string {
  // Cut between graphemes: half an emoji's surrogate pair is not text Mermaid can show.
  const label = (t: string) => `"${cutWhere(plainText(t.replace(/["\\[\]`%;#]/g, '')), (s) => s.length <= 24, '')}"`;
  const scored = a.playbooks.filter((p) => p.score.percent !== null);
  return [
    '<!-- markdownlint-disable MD013 -->',
    '```mermaid',
    'xychart-beta',
    '  title "Readiness by area"',
    `  x-axis [${scored.map((p) => label(p.title)).join(', ')}]`,
    '  y-axis "Score" 0 --> 100',
    `  bar [${scored.map((p) => Math.round(p.score.percent ?? 0)).join(', ')}]`,
    '```',
    '<!-- markdownlint-enable MD013 -->',
  ].join('\n');
}

/** Region notes under an item: only the client's region's when it is known, each with its label either way. */
function regionLines(item: ItemResult, part: 'why' | 'fix', base: string): string[] {
  return item.region_notes.flatMap((note) => (note[part] ? [bullet(`${REGION_LABELS[note.region]}: ${inline(note[part] ?? '')}`, '-', `${base}  `)] : []));
}

function itemBlock(item: ItemResult, n: number): string {
  const head = `**${inline(item.question)}** \`${item.key}\`: ${item.severity}, ${answerWord(item)}`;
  const base = ' '.repeat(`${n}. `.length);
  const lines = [bullet(head, `${n}.`)];
  lines.push(bullet(`Why: ${inline(item.why)}`, '-', base), ...regionLines(item, 'why', base));
  lines.push(bullet(`Fix: ${inline(item.fix)}`, '-', base), ...regionLines(item, 'fix', base));
  if (item.note) lines.push(bullet(`Your note: ${inline(item.note)}`, '-', base));
  return lines.join('\n');
}

/** The engagement's regions as the report states them; an unknown one says what that means for the advice. */
export function regionLine(a: Assessment): string {
  const name = (r: keyof typeof REGION_NAMES | null | undefined) => (r ? REGION_NAMES[r] : 'not given');
  const unknown = !a.engagement.client_region ? ' (advice for every region is shown, each labelled)' : '';
  return `Client based in: ${name(a.engagement.client_region)}; vendor based in: ${name(a.engagement.vendor_region)}${unknown}`;
}

/** Onboarding items, left out of a signing check: what to set up in the first weeks after signing. */
function afterSigning(a: Assessment): string[] {
  const tasks = a.items.filter((i) => i.stage === 'onboarding' && i.excluded === 'stage');
  if (tasks.length === 0) return [];
  return [
    heading(2, 'After you sign'),
    paragraph(
      `Set these up in the first weeks after signing; they are not scored now. \`outsource-check check --stage onboarding\` checks them once the vendor has started.`,
    ),
    tasks.map((t, i) => [bullet(`**${inline(t.question)}** \`${t.key}\``, `${i + 1}.`), bullet(`How: ${inline(t.fix)}`, '-', ' '.repeat(`${i + 1}. `.length))].join('\n')).join('\n'),
  ];
}

const DUE_WORDS = { due: '**due now**', soon: 'within 30 days', later: 'later' } as const;

const SEVERITY_TITLES: Record<Severity, string> = { critical: 'Critical gaps', major: 'Major gaps', minor: 'Minor gaps' };

export function renderReport(a: Assessment, options: RenderOptions): string {
  const byKey = new Map(a.items.map((i) => [i.key, i]));
  const date = a.generated.slice(0, 10);
  const blockers = a.blockers.map((k) => byKey.get(k)).filter((i): i is ItemResult => i !== undefined);
  const gaps = a.gaps.map((k) => byKey.get(k)).filter((i): i is ItemResult => i !== undefined);
  const live = a.items.filter((i) => i.excluded === null);
  // ISO dates sort as text; a plain comparison spares loading ICU's collator, as localeCompare's first call does.
  const due = live.filter((i) => i.due !== null).sort((x, y) => ((x.due ?? '') < (y.due ?? '') ? -1 : (x.due ?? '') > (y.due ?? '') ? 1 : 0));

  const onboarding = a.stage === 'onboarding';
  const asked = live.length;
  const blocks: (string | null)[] = [
    heading(1, onboarding ? 'Onboarding check: ' : 'Outsourcing readiness: ', a.engagement.vendor),
    [
      bullet(`Vendor: ${inline(a.engagement.vendor)}`),
      bullet(`Engagement type: ${a.engagement.type}`),
      a.engagement.scope ? bullet(`Scope: ${inline(a.engagement.scope)}`) : null,
      bullet(regionLine(a)),
      bullet(onboarding ? 'Stage: onboarding, the first weeks after signing' : 'Stage: before signing'),
      a.quick ? bullet(`Quick check: only the ${asked} item${asked === 1 ? '' : 's'} critical for ${ENGAGEMENT_PHRASES[a.engagement.type]}, and what they depend on`) : null,
      bullet(`Assessed: ${date}`),
      bullet(`Playbooks: ${a.playbooks.map((p) => `${inline(p.id)} ${inline(p.version)}`).join(', ')}`),
    ]
      .filter(Boolean)
      .join('\n'),
    notesLeftOutParagraph(a, 'report'),
    heading(2, `Verdict: ${VERDICT_WORDS[a.verdict.level].toLowerCase()}`),
    paragraph(
      `**${VERDICT_WORDS[a.verdict.level]}.** Overall score ${percentText(a.scores.overall)} of 100 (threshold ${a.threshold}); ${blockers.length} blocker${blockers.length === 1 ? '' : 's'}, ${gaps.length} gap${gaps.length === 1 ? '' : 's'}.`,
    ),
    a.verdict.reasons.map((r) => bullet(inline(r))).join('\n'),
    heading(2, 'Scores'),
    scoreTable(a),
    options.chart ? chart(a) : null,
    heading(2, 'Blockers'),
    blockers.length
      ? blockers.map((item, i) => itemBlock(item, i + 1)).join('\n')
      : paragraph('None: every critical item that applies is at least partly in place.'),
    heading(2, 'Gaps'),
    gaps.length ? null : paragraph('None.'),
  ];
  for (const severity of ['critical', 'major', 'minor'] as const) {
    const ofSeverity = gaps.filter((g) => g.severity === severity);
    if (ofSeverity.length === 0) continue;
    blocks.push(heading(3, SEVERITY_TITLES[severity]), ofSeverity.map((item, i) => itemBlock(item, i + 1)).join('\n'));
  }
  if (due.length > 0) {
    blocks.push(
      heading(2, 'Re-checks'),
      paragraph('These answers go stale: confirm them again by the date given (`outsource-check check --recheck FILE` asks only these).'),
      fitTable(
        table(
          ['Item', 'Answered', 'Due', 'Status'],
          due.map((i) => [`\`${i.key}\``, (i.answered ?? '').slice(0, 10), i.due ?? '', DUE_WORDS[dueStatus(i.due ?? '', new Date(a.generated))]]),
        ),
      ),
    );
  }
  blocks.push(...afterSigning(a));
  const checklist = checklistOf(a, true);
  if (checklist.groups.length + checklist.not_needed.length > 0) {
    blocks.push(heading(2, 'Pre-contract checklist'), paragraph('Ticked lines are in place; each line says what to ask for and names the readiness items it comes from.'), ...checklistSections(checklist, 3));
  }

  blocks.push(heading(2, 'Appendix: every answer'));
  const needs = a.needs.filter((n) => n.excluded === null);
  if (needs.length > 0) {
    blocks.push(
      heading(3, 'About this engagement'),
      needs.map((n) => bullet(`\`${n.key}\`: ${n.answer ? ANSWER_WORDS[n.answer] : 'not answered'}. ${inline(n.question)}${n.note ? ` Note: ${inline(n.note)}` : ''}`)).join('\n'),
    );
  }
  for (const p of a.playbooks) {
    const items = live.filter((i) => i.playbook === p.id);
    if (items.length === 0) continue;
    blocks.push(
      heading(3, `Answers, ${p.id}: `, p.title),
      items.map((i) => bullet(`\`${i.key}\`: ${answerWord(i)}. ${inline(i.question)}${i.note ? ` Note: ${inline(i.note)}` : ''}`)).join('\n'),
    );
  }
  const notAsked = a.items.length - live.length;
  if (notAsked > 0) {
    blocks.push(paragraph(notAskedSentence(notAsked, a.engagement.type, a.quick, Boolean(a.engagement.client_region))));
  }
  if (a.unknown_answers.length > 0) {
    blocks.push(
      heading(3, 'Answers that match no item'),
      paragraph('These were in the answers file but match no item of the loaded playbooks, so they are not scored. Rename or remove them.'),
      a.unknown_answers
        .map((u) => bullet(`\`${u.key}\`: ${u.answer ? ANSWER_WORDS[u.answer] : 'not answered'}${u.suggestion ? ` (did you mean \`${u.suggestion}\`?)` : ''}${u.note ? ` Note: ${inline(u.note)}` : ''}`))
        .join('\n'),
    );
  }
  blocks.push(paragraph(`*${DISCLAIMER}*`));
  return document(blocks);
}
