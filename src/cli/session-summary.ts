import { answerMap, chosenPlaybooks } from '../assessment/answers.js';
import { assess, type VerdictLevel } from '../assessment/score.js';
import { dueStatus } from '../assessment/recheck.js';
import { isFinished, type SavedSession, type SkippedSession } from '../io/sessions.js';
import type { CommandContext } from './context.js';
import { displayPath } from './registry.js';
import type { Playbook } from '../playbook/schema.js';

export interface SessionSummary {
  file: string;
  vendor: string;
  type: string;
  date: string;
  status: 'done' | 'unfinished';
  verdict: VerdictLevel;
  score: number | null;
  answered: number;
  due: { key: string; question: string; due: string; status: 'due' | 'soon' }[];
}

/** Scores a saved session with today's playbooks, and finds the answers that fall due within `days`. */
export function summarize(saved: SavedSession, all: readonly Playbook[], now: Date, days: number): SessionSummary {
  const { session } = saved;
  const a = assess({ playbooks: chosenPlaybooks(all, session), engagement: session.engagement, answers: answerMap(session), now });
  const due = a.items.flatMap((i) => {
    if (i.due === null) return [];
    const status = dueStatus(i.due, now, days);
    return status === 'later' ? [] : [{ key: i.key, question: i.question, due: i.due, status }];
  });
  return {
    file: saved.file,
    vendor: session.engagement.vendor,
    type: session.engagement.type,
    date: session.meta?.updated ?? session.meta?.started ?? '',
    status: isFinished(session) ? 'done' : 'unfinished',
    verdict: a.verdict.level,
    score: a.scores.overall.percent,
    answered: a.items.filter((i) => i.excluded === null && i.answer !== null).length,
    due,
  };
}

/** One line on stderr for each file in the sessions folder that is not a readable session. */
export function warnSkipped(ctx: CommandContext): (skipped: SkippedSession) => void {
  return ({ file, reason }) => ctx.stderr.write(`warning: skipped ${displayPath(ctx, file)}: ${reason}\n`);
}
