import { answerMap, chosenPlaybooks } from '../../assessment/answers.js';
import { assess, type VerdictLevel } from '../../assessment/score.js';
import { dueStatus } from '../../assessment/recheck.js';
import { isFinished, listSessions, type SavedSession } from '../../io/sessions.js';
import type { Playbook } from '../../playbook/schema.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';

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

export function columns(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n');
}

export async function historyCommand(ctx: CommandContext, options: GlobalOptions & { json: boolean }): Promise<void> {
  const registry = requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const now = ctx.now();
  const summaries = listSessions(ctx.env).map((s) => summarize(s, all, now, 30));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    return;
  }
  if (summaries.length === 0) {
    ctx.stderr.write('No saved sessions yet. Run `outsource-check` in a terminal to start one.\n');
    return;
  }
  const rows = [['DATE', 'VENDOR', 'TYPE', 'STATUS', 'VERDICT', 'SCORE', 'FILE']];
  for (const s of summaries) rows.push([s.date.slice(0, 16).replace('T', ' '), s.vendor, s.type, s.status, s.status === 'done' ? s.verdict : '-', s.status === 'done' ? (s.score === null ? 'n/a' : String(Math.round(s.score))) : `${s.answered} answered`, s.file]);
  ctx.stdout.write(`${columns(rows)}\n`);
}
