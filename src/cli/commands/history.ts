import { listSessions } from '../../io/sessions.js';
import { columns } from '../../terminal/columns.js';
import { privacyOf, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { summarize } from '../session-summary.js';

export async function historyCommand(ctx: CommandContext, options: GlobalOptions & { json: boolean }): Promise<void> {
  const registry = requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const now = ctx.now();
  const summaries = listSessions(ctx.env, privacyOf(ctx)).map((s) => summarize(s, all, now, 30));
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
