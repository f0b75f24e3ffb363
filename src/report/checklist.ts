import { CLAUSE_GROUPS, type AnswerValue, type ClauseGroup, type ItemKey } from '../playbook/schema.js';
import type { Assessment, ItemResult } from '../assessment/score.js';
import { bullet, document, heading, inline, paragraph } from './md.js';
import { notesLeftOutParagraph, type NotesFlag } from './notes.js';

export const CLAUSE_GROUP_TITLES: Record<ClauseGroup, string> = {
  scope: 'Scope and commercials',
  performance: 'Performance and governance',
  legal: 'Legal protections',
  'change-exit': 'Change and exit',
  'due-diligence': 'Due-diligence file',
};

export interface ChecklistLine {
  key: ItemKey;
  text: string;
  done: boolean;
  answer: AnswerValue | null;
  note: string | null;
}

export interface Checklist extends NotesFlag {
  groups: { group: ClauseGroup; title: string; lines: ChecklistLine[] }[];
  answered: boolean;
}

/** The clauses of the applicable items, grouped as a lawyer reads a contract. */
export function checklistOf(assessment: Pick<Assessment, 'items' | 'notes_omitted'>, answered: boolean): Checklist {
  const withClause = assessment.items.filter((i): i is ItemResult & { clause: NonNullable<ItemResult['clause']> } => i.excluded === null && i.clause !== null);
  return {
    answered,
    ...(assessment.notes_omitted ? { notes_omitted: true as const } : {}),
    groups: CLAUSE_GROUPS.map((group) => ({
      group,
      title: CLAUSE_GROUP_TITLES[group],
      lines: withClause
        .filter((i) => i.clause.group === group)
        .map((i) => ({ key: i.key, text: i.clause.text, done: i.answer === 'yes' || i.answer === 'na', answer: i.answer, note: i.note })),
    })).filter((g) => g.lines.length > 0),
  };
}

const STATUS: Record<AnswerValue | 'open', string> = {
  yes: 'in place',
  na: 'not needed here',
  partly: 'partly in place',
  no: 'missing',
  open: 'not answered yet',
};

/** Task-list lines; `level` lets the same lines sit in the report (under h2) or stand alone (under h1). */
export function checklistSections(checklist: Checklist, level: 2 | 3): string[] {
  return checklist.groups.flatMap(({ title, lines }) => [
    heading(level, title),
    lines
      .map((l) => {
        const status = checklist.answered ? ` (${STATUS[l.answer ?? 'open']}; from \`${l.key}\`)` : ` (from \`${l.key}\`)`;
        const note = l.note ? ` Note: ${inline(l.note)}` : '';
        return bullet(`[${l.done ? 'x' : ' '}] ${inline(l.text)}${status}${note}`);
      })
      .join('\n'),
  ]);
}

export function renderChecklist(checklist: Checklist, context: { vendor: string | null; type: string; date: string }): string {
  const total = checklist.groups.reduce((n, g) => n + g.lines.length, 0);
  const done = checklist.groups.reduce((n, g) => n + g.lines.filter((l) => l.done).length, 0);
  return document([
    context.vendor ? heading(1, 'Pre-contract checklist: ', context.vendor) : heading(1, `Pre-contract checklist for a ${context.type} engagement`),
    paragraph(
      checklist.answered
        ? `${done} of ${total} clauses are in place (as of ${context.date}). Every open line names the readiness item it comes from.`
        : `${total} clauses to have in the contract or its schedules before you sign a ${context.type} engagement (${context.date}).`,
    ),
    notesLeftOutParagraph(checklist, 'checklist'),
    ...checklistSections(checklist, 2),
    paragraph(`*${DISCLAIMER}*`),
  ]);
}

export const DISCLAIMER = 'outsource-check gives practical guidance, not legal advice. Have a lawyer who knows your jurisdiction review the contract.';

