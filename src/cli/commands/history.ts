import { safeJson } from '../../terminal/safe.js';
import { listSessions } from '../../io/sessions.js';
import { columns } from '../../terminal/columns.js';
import { commandName, privacyOf, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { summarize, warnSkipped } from '../session-summary.js';

export async function historyCommand(ctx: CommandContext, options: GlobalOptions & { json: boolean }): Promise<void> {
  const registry = await requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const now = ctx.now();
  const summaries = listSessions(ctx.env, privacyOf(ctx), warnSkipped(ctx)).map((s) => summarize(s, all, now, 30));
  if (options.json) {
    ctx.stdout.write(`${safeJson(summaries)}\n`);
    return;
  }
  if (summaries.length === 0) {
    ctx.stderr.write(`No saved sessions yet. Run \`${commandName(ctx)}\` in a terminal to start one.\n`);
    return;
  }
  const rows = [['DATE', 'VENDOR', 'TYPE', 'STATUS', 'VERDICT', 'SCORE', 'FILE']];
  for (const s of summaries) rows.push([s.date.slice(0, 16).replace('T', ' '), s.vendor, s.type, s.status, s.status === 'done' ? s.verdict : '-', s.status === 'done' ? (s.score === null ? 'n/a' : String(Math.round(s.score))) : `${s.answered} answered`, s.file]);
  ctx.stdout.write(`${columns(rows)}\n`);
  const empty = summaries.filter((s) => s.status === 'unfinished' && s.answered === 0).length;
  if (empty > 0) ctx.stderr.write(`\n${empty} unfinished session${empty === 1 ? ' has' : 's have'} no answer; \`${commandName(ctx)} sessions delete --empty\` removes ${empty === 1 ? 'it' : 'them'}.\n`);
}
