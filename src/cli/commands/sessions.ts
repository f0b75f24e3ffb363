import path from 'node:path';
import { UsageError } from '../../errors.js';
import { deleteSession, isFinished, listSessions, sessionName, type SavedSession } from '../../io/sessions.js';
import { sessionsDir } from '../../io/state.js';
import { columns } from '../../terminal/columns.js';
import { didYouMean } from '../../source/suggest.js';
import { canPrompt, colorEnabled, commandName, privacyOf, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { summarize, warnSkipped } from '../session-summary.js';
import { tryLock } from '../../io/lock.js';

export async function listSessionsCommand(ctx: CommandContext, options: GlobalOptions & { json: boolean }): Promise<void> {
  const all = (await requireRegistry(ctx, options)).playbooks.map((p) => p.playbook);
  const now = ctx.now();
  const rows = listSessions(ctx.env, privacyOf(ctx), warnSkipped(ctx)).map((s) => ({ name: sessionName(s.file), ...summarize(s, all, now, 30) }));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    ctx.stderr.write(`No saved sessions in ${sessionsDir(ctx.env)}.\n`);
    return;
  }
  const table = [['NAME', 'VENDOR', 'STATUS', 'ANSWERED', 'UPDATED']];
  for (const r of rows) table.push([r.name, r.vendor, r.status, String(r.answered), r.date.slice(0, 16).replace('T', ' ')]);
  ctx.stdout.write(`${columns(table)}\n`);
  ctx.stderr.write(`\nDelete with: ${commandName(ctx)} sessions delete NAME...   (--empty: every unfinished session with no answer)\n`);
}

export interface DeleteOptions {
  names: string[];
  /** Every unfinished session with no answer: the ones started by mistake. */
  empty: boolean;
  /** Also finished sessions; they hold a vendor's history. */
  force: boolean;
  /** Do not ask; needed where no one can be asked. */
  yes: boolean;
}

const answeredCount = (s: SavedSession) => Object.values(s.session.answers ?? {}).filter((a) => a !== null).length;

/** Finds the sessions named: by name as listed, or by path, and only inside the sessions folder. */
function pick(ctx: CommandContext, saved: readonly SavedSession[], names: readonly string[]): SavedSession[] {
  const dir = sessionsDir(ctx.env);
  const byName = new Map(saved.map((s) => [sessionName(s.file), s]));
  return names.map((name) => {
    // A path is taken only when it points into the sessions folder: this command never deletes anything else.
    if ((name.includes('/') || name.includes(path.sep)) && path.dirname(path.resolve(ctx.cwd, name)) !== dir) {
      throw new UsageError(`${name} is not in the sessions folder (${dir}); only saved sessions are deleted here`);
    }
    const found = byName.get(sessionName(name));
    if (!found) throw new UsageError(`no saved session \`${name}\`${didYouMean(name, [...byName.keys()])}; \`${commandName(ctx)} sessions list\` shows them`);
    return found;
  });
}

export async function deleteSessionsCommand(ctx: CommandContext, options: GlobalOptions & DeleteOptions): Promise<void> {
  if (options.names.length === 0 && !options.empty) throw new UsageError(`name the sessions to delete (\`${commandName(ctx)} sessions list\` shows them), or give --empty`);
  const saved = listSessions(ctx.env, privacyOf(ctx));
  const chosen = [...new Set([...pick(ctx, saved, options.names), ...(options.empty ? saved.filter((s) => !isFinished(s.session) && answeredCount(s) === 0) : [])])];
  if (chosen.length === 0) {
    ctx.stderr.write('No unfinished session without answers: nothing to delete.\n');
    return;
  }
  const finished = chosen.filter((s) => isFinished(s.session));
  if (finished.length > 0 && !options.force) {
    throw new UsageError(`${finished.map((s) => sessionName(s.file)).join(', ')} ${finished.length === 1 ? 'is a finished check' : 'are finished checks'}, kept as the vendor's history; add --force to delete ${finished.length === 1 ? 'it' : 'them'} too`);
  }
  const describe = (s: SavedSession) => `${sessionName(s.file)} (${s.session.engagement.vendor}, ${isFinished(s.session) ? 'finished' : 'unfinished'}, ${answeredCount(s)} answered)`;
  if (!options.yes) {
    if (!canPrompt(ctx, options)) throw new UsageError(`deleting asks first, and this is not an interactive terminal: add --yes to delete ${chosen.length === 1 ? 'it' : `these ${chosen.length}`} without asking`);
    for (const s of chosen) ctx.stderr.write(`  ${describe(s)}\n`);
    const { terminalAsker } = await import('../../ui/prompts.js');
    const asker = terminalAsker({ color: colorEnabled(ctx, options), output: ctx.stderr });
    const ok = await asker.confirm(`Delete ${chosen.length === 1 ? 'this session' : `these ${chosen.length} sessions`}?`, false);
    if (!ok) {
      ctx.stderr.write('Nothing deleted.\n');
      return;
    }
  }
  for (const s of chosen) {
    // A session open in an interview (a new one has no answers yet, so --empty would pick it) is left to that interview.
    const taken = tryLock(s.file);
    if (!('lock' in taken)) {
      ctx.stderr.write(`kept ${describe(s)}: it is open in another outsource-check\n`);
      continue;
    }
    try {
      deleteSession(s.file);
    } finally {
      taken.lock.release();
    }
    ctx.stderr.write(`deleted ${describe(s)}\n`);
  }
}
