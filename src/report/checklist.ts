import { CLAUSE_GROUPS, type AnswerValue, type ClauseGroup, type EngagementType, type ItemKey } from '../playbook/model.js';
import type { Assessment, ItemResult } from '../assessment/score.js';
import { bullet, document, heading, inline, paragraph } from './md.js';
import { notesLeftOutParagraph, type NotesFlag } from './notes.js';
import { ENGAGEMENT_PHRASES } from './engagement-words.js';

export const CHECKLIST_FORMAT = 'outsource-check/checklist@2';

export const CLAUSE_GROUP_TITLES: Record<ClauseGroup, string> = {
  scope: 'Scope and commercials',
  performance: 'Performance and governance',
  legal: 'Legal protections',
  'change-exit': 'Change and exit',
  'due-diligence': 'Due-diligence file',
};

/**
 * done: every applicable feeding item is yes. open: some is not (yet).
 * conditional: it applies only if a question still open is answered so.
 * not-needed: every feeding item is not applicable, or an answer ruled it out.
 */
export type ClauseStatus = 'done' | 'open' | 'conditional' | 'not-needed';

export interface ChecklistLine {
  id: string;
  group: ClauseGroup;
  text: string;
  /** What to ask for, with the numbers. */
  position: string | null;
  status: ClauseStatus;
  /** When the clause applies, in words, if that is still open (a question not answered yet, a region not given). */
  condition: string | null;
  /** The readiness items that feed this clause and apply (or may apply) to this engagement. */
  items: { key: ItemKey; answer: AnswerValue | null; note: string | null }[];
}

/** Clauses to have in the contract (ticked or not, or conditional), grouped as a lawyer reads one. */
export interface Checklist extends NotesFlag {
  groups: { group: ClauseGroup; title: string; lines: ChecklistLine[] }[];
  /** Clauses that do not apply to this engagement, by the answers given. */
  not_needed: ChecklistLine[];
  answered: boolean;
}

type Feeding = ItemResult & { clause: NonNullable<ItemResult['clause']> };

/** Type, regions and stage rule an item out whatever the answers: its clause is not for this engagement at all. */
const outOfScope = (item: ItemResult) => item.excluded === 'type' || item.excluded === 'region' || item.excluded === 'stage';

/** Applies, or may still apply: asked (or left out by quick mode only), or behind a condition still open. */
const mayApply = (i: ItemResult) => i.excluded === null || i.excluded === 'quick' || (i.excluded === 'when' && i.condition !== null);

function statusOf(feeding: readonly Feeding[]): { status: ClauseStatus; condition: string | null } {
  // Quick mode leaves items unasked, not inapplicable: their clauses still belong in the contract.
  const live = feeding.filter((i) => i.excluded === null || i.excluded === 'quick');
  const considered = live.filter((i) => i.answer !== 'na');
  // A line applies for sure when one of its items does; otherwise it says under which conditions (a `when`, a region).
  const open = feeding.filter(mayApply);
  const conditions = open.every((i) => i.condition !== null) ? [...new Set(open.map((i) => i.condition ?? ''))] : [];
  const condition = conditions.length > 0 ? conditions.join(', or ') : null;
  if (considered.length > 0) return { status: considered.every((i) => i.answer === 'yes') ? 'done' : 'open', condition };
  if (feeding.some((i) => i.excluded === 'when' && i.condition !== null)) return { status: 'conditional', condition };
  return { status: 'not-needed', condition: null };
}

/**
 * One line per clause id, whatever number of items feed it, in the order the
 * items come; grouped as a lawyer reads a contract. A clause behind an open
 * condition stays listed with that condition; none is dropped silently.
 */
export function checklistOf(assessment: Pick<Assessment, 'items' | 'notes_omitted'>, answered: boolean): Checklist {
  const byClause = new Map<string, Feeding[]>();
  for (const item of assessment.items) {
    if (item.clause === null || outOfScope(item)) continue;
    const list = byClause.get(item.clause.id);
    if (list) list.push(item as Feeding);
    else byClause.set(item.clause.id, [item as Feeding]);
  }
  const lines: ChecklistLine[] = [...byClause.values()].map((feeding) => {
    const { clause } = feeding[0] as Feeding;
    const { status, condition } = statusOf(feeding);
    const shown = feeding.filter(mayApply);
    return {
      id: clause.id,
      group: clause.group,
      text: clause.text,
      position: clause.position,
      status,
      condition,
      items: (shown.length > 0 ? shown : feeding).map((i) => ({ key: i.key, answer: i.answer, note: i.note })),
    };
  });
  return {
    answered,
    ...(assessment.notes_omitted ? { notes_omitted: true as const } : {}),
    groups: CLAUSE_GROUPS.map((group) => ({ group, title: CLAUSE_GROUP_TITLES[group], lines: lines.filter((l) => l.group === group && l.status !== 'not-needed') })).filter((g) => g.lines.length > 0),
    not_needed: lines.filter((l) => l.status === 'not-needed'),
  };
}

export function clauseCount(checklist: Checklist): { total: number; done: number; conditional: number } {
  const lines = checklist.groups.flatMap((g) => g.lines);
  return { total: lines.length, done: lines.filter((l) => l.status === 'done').length, conditional: lines.filter((l) => l.status === 'conditional').length };
}

const ANSWER_STATUS: Record<AnswerValue | 'open', string> = {
  yes: 'in place',
  na: 'not needed here',
  partly: 'partly in place',
  no: 'missing',
  open: 'not answered yet',
};

/** One word for a clause fed by several items: in place only when all are; missing only when none is even partly. */
export function statusWords(line: ChecklistLine): string {
  const answers = line.items.map((i) => i.answer).filter((a) => a !== 'na');
  if (line.status === 'done') return ANSWER_STATUS.yes;
  if (answers.every((a) => a === null)) return ANSWER_STATUS.open;
  if (answers.every((a) => a === 'no' || a === null)) return ANSWER_STATUS.no;
  return ANSWER_STATUS.partly;
}

function from(line: ChecklistLine): string {
  return `from ${line.items.map((i) => `\`${i.key}\``).join(', ')}`;
}

function lineBlock(line: ChecklistLine, answered: boolean): string {
  const only = line.condition ? `only if ${inline(line.condition)}; ` : '';
  const status = line.status === 'conditional' ? `${only}${from(line)}` : answered ? `${statusWords(line)}; ${only}${from(line)}` : `${only}${from(line)}`;
  const parts = [bullet(`[${line.status === 'done' ? 'x' : ' '}] ${inline(line.text)} (${status})`)];
  if (line.position) parts.push(bullet(`Ask for: ${inline(line.position)}`, '-', '  '));
  for (const item of line.items) if (item.note) parts.push(bullet(`Your note on \`${item.key}\`: ${inline(item.note)}`, '-', '  '));
  return parts.join('\n');
}

function notNeededBlock(line: ChecklistLine): string {
  const notes = line.items.filter((i) => i.note).map((i) => inline(i.note ?? ''));
  const why = line.items.some((i) => i.answer === 'na') ? 'answered not applicable' : 'ruled out by an earlier answer';
  return bullet(`${inline(line.text)} (${why}; ${from(line)})${notes.length ? ` Note: ${notes.join(' ')}` : ''}`);
}

/** Task-list lines; `level` lets the same lines sit in the report (under h2) or stand alone (under h1). */
export function checklistSections(checklist: Checklist, level: 2 | 3): string[] {
  const blocks = checklist.groups.flatMap(({ title, lines }) => [heading(level, title), lines.map((l) => lineBlock(l, checklist.answered)).join('\n')]);
  if (checklist.not_needed.length > 0) {
    blocks.push(heading(level, 'Not needed for this engagement'), checklist.not_needed.map(notNeededBlock).join('\n'));
  }
  return blocks;
}

export function renderChecklist(checklist: Checklist, context: { vendor: string | null; type: EngagementType; date: string }): string {
  const { total, done, conditional } = clauseCount(checklist);
  const ifs = conditional > 0 ? ` ${conditional} of them only under the condition given on the line.` : '';
  return document([
    context.vendor ? heading(1, 'Pre-contract checklist: ', context.vendor) : heading(1, `Pre-contract checklist for ${ENGAGEMENT_PHRASES[context.type]}`),
    paragraph(
      total === 0
        ? 'None of the playbooks in this check has contract clauses, so there is nothing to add to the contract from them.'
        : checklist.answered
          ? `${done} of ${total} clauses are in place (as of ${context.date}). Each line says what to ask for and names the readiness items it comes from.${ifs}`
          : `${total} clauses to have in the contract or its schedules before you sign ${ENGAGEMENT_PHRASES[context.type]} (${context.date}). Each line says what to ask for.${ifs}`,
    ),
    notesLeftOutParagraph(checklist, 'checklist'),
    ...checklistSections(checklist, 2),
    paragraph(`*${DISCLAIMER}*`),
  ]);
}

export const DISCLAIMER = 'outsource-check gives practical guidance, not legal advice. Have a lawyer who knows your jurisdiction review the contract.';
