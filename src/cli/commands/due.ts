import { vendorKey } from '../../assessment/vendor.js';
import { isFinished, listSessions, type SavedSession } from '../../io/sessions.js';
import { shellQuote } from '../../terminal/shell.js';
import { commandName, privacyOf, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { columns } from '../../terminal/columns.js';
import { safeJson, terminalText } from '../../terminal/safe.js';
import { summarize, warnSkipped } from '../session-summary.js';

/** Each vendor's current state is its newest finished session (or its newest, if none is finished). */
export function latestPerVendor(sessions: readonly SavedSession[]): SavedSession[] {
  const byVendor = new Map<string, SavedSession>();
  for (const s of sessions) {
    const key = vendorKey(s.session.engagement.vendor);
    const held = byVendor.get(key);
    if (!held || (!isFinished(held.session) && isFinished(s.session))) byVendor.set(key, s);
  }
  return [...byVendor.values()];
}

export async function dueCommand(ctx: CommandContext, options: GlobalOptions & { json: boolean; within: number }): Promise<void> {
  const registry = await requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const now = ctx.now();
  // listSessions is newest first, so the first finished session met per vendor is the latest.
  const vendors = latestPerVendor(listSessions(ctx.env, privacyOf(ctx), warnSkipped(ctx)))
    .map((s) => summarize(s, all, now, options.within))
    .filter((s) => s.due.length > 0);
  // Each vendor's items soonest first before the vendors are ordered, so a vendor is placed by its earliest date, not its first item's.
  for (const v of vendors) v.due.sort((a, b) => a.due.localeCompare(b.due));
  vendors.sort((a, b) => (a.due[0]?.due ?? '').localeCompare(b.due[0]?.due ?? ''));
  if (options.json) {
    ctx.stdout.write(`${safeJson(vendors.map((v) => ({ vendor: v.vendor, type: v.type, file: v.file, due: v.due })))}\n`);
    return;
  }
  if (vendors.length === 0) {
    ctx.stderr.write(`Nothing falls due in the next ${options.within} days.\n`);
    return;
  }
  const rows = [['VENDOR', 'DUE', 'STATUS', 'ITEM']];
  for (const v of vendors) for (const d of v.due) rows.push([v.vendor, d.due, d.status === 'due' ? 'due now' : 'soon', d.key]);
  ctx.stdout.write(`${columns(rows)}\n`);
  ctx.stderr.write(`\nRe-check a vendor with: ${commandName(ctx)} check --recheck FILE\n${vendors.map((v) => terminalText(`  ${v.vendor}: ${shellQuote(v.file)}`)).join('\n')}\n`);
}
