import { InvalidDataError, UsageError } from '../../errors.js';
import { printProblems } from '../problems.js';
import { safeJson, terminalText } from '../../terminal/safe.js';
import { baseSeverity, DEFAULT_WEIGHT, severityWords } from '../../playbook/model.js';
import type { Playbook } from '../../playbook/schema.js';
import { REGION_LABELS, regionNotes } from '../../assessment/regions.js';
import { realFile, type LoadedPlaybook } from '../../playbook/registry-core.js';
import { wrap } from '../../terminal/wrap.js';
import { columns } from '../../terminal/columns.js';
import { colorEnabled, commandName, type CommandContext, type GlobalOptions } from '../context.js';
import { displayPath, loadRegistryFor, requireRegistry, shownProblems } from '../registry.js';
import { didYouMean } from '../../source/suggest.js';
import path from 'node:path';

const countItems = (p: Playbook): number => p.sections.reduce((n, s) => n + s.items.length, 0);

function source(ctx: CommandContext, p: LoadedPlaybook): string {
  if (p.origin === 'bundled') return 'bundled';
  return p.replaces ? `${displayPath(ctx, p.file)} (replaces bundled)` : displayPath(ctx, p.file);
}

export async function listPlaybooks(ctx: CommandContext, options: GlobalOptions & { json: boolean }): Promise<void> {
  // Only what a cached playbook's summary holds: no sections, so no parser when every playbook is cached.
  const { playbooks } = await requireRegistry(ctx, options, { sections: false });
  const rows = playbooks.map((p) => ({
    id: p.playbook.id,
    kind: p.playbook.kind,
    title: p.playbook.title,
    version: p.playbook.version,
    items: p.itemCount,
    origin: p.origin,
    file: p.file,
    replaces: p.replaces,
  }));
  if (options.json) {
    ctx.stdout.write(`${safeJson(rows)}\n`);
    return;
  }
  const table = [['ID', 'KIND', 'TITLE', 'VERSION', 'ITEMS', 'SOURCE'], ...playbooks.map((p, i) => [rows[i]!.id, rows[i]!.kind, rows[i]!.title, rows[i]!.version, String(rows[i]!.items), source(ctx, p)])];
  ctx.stdout.write(`${columns(table)}\n`);
}

export async function showPlaybook(ctx: CommandContext, options: GlobalOptions & { id: string; json: boolean }): Promise<void> {
  const { playbooks } = await requireRegistry(ctx, options);
  const found = playbooks.find((p) => p.playbook.id === options.id);
  if (!found) {
    const ids = playbooks.map((p) => p.playbook.id);
    throw new UsageError(`no playbook \`${options.id}\`${didYouMean(options.id, ids)}; \`${commandName(ctx)} playbooks list\` shows them all`);
  }
  const pb = found.playbook;
  if (options.json) {
    ctx.stdout.write(`${safeJson(pb)}\n`);
    return;
  }
  // Colour only here: listing and validating never load chalk.
  const { makeStyle } = await import('../../terminal/style.js');
  const s = makeStyle(colorEnabled(ctx, options, 'stdout'));
  const width = Math.min(Number(ctx.env.COLUMNS) || 80, 100);
  const out: string[] = [];
  out.push(s.bold(`${pb.title}`) + s.dim(`  ${pb.id} ${pb.version} · ${pb.kind} · ${countItems(pb)} items`));
  out.push(...wrap(pb.summary, width));
  if (pb.source) out.push(...sourceLines(pb.source).flatMap((line) => wrap(line, width).map((l) => s.dim(l))));
  for (const section of pb.sections) {
    out.push('', s.bold(s.underline(section.title)));
    for (const item of section.items) {
      const level = baseSeverity(item.severity);
      const tags = [
        item.need !== undefined ? 'need question (not scored)' : severityWords(item.severity),
        item.need !== undefined ? '' : `weight ${item.weight ?? (level ? DEFAULT_WEIGHT[level] : 0)}`,
        item.applies_to ? `only ${item.applies_to.join(', ')}` : '',
        item.client_regions ? `client in ${item.client_regions.map((r) => REGION_LABELS[r]).join(', ')}` : '',
        item.cross_border ? 'cross-border only' : '',
        item.stage === 'onboarding' ? 'after signing' : '',
      ]
        .filter(Boolean)
        .join(', ');
      out.push('');
      out.push(...wrap(`${level ? s.severity(level, '●') : '?'} ${item.question}`, width, '', '  '));
      out.push(s.dim(`  ${item.id} · ${tags}`));
      if (item.when) out.push(s.dim(`  asked when ${item.when.item} is ${item.when.is.join(' or ')}`));
      out.push(...wrap(`Why: ${item.why}`, width, '  ', '  ').map((l) => s.dim(l)));
      if (item.fix) out.push(...wrap(`Fix: ${item.fix}`, width, '  ', '  '));
      for (const note of regionNotes(item, null)) {
        const text = [note.why, note.fix].filter(Boolean).join(' ');
        out.push(...wrap(`${REGION_LABELS[note.region]}: ${text}`, width, '  ', '  '));
      }
      if (item.clause) {
        const clause = item.clause;
        out.push(...wrap(`Clause${clause.id ? ` ${clause.id}` : ''}${clause.group ? ` (${clause.group})` : ''}${clause.text ? `: ${clause.text}` : ''}`, width, '  ', '  '));
        const positions = typeof clause.position === 'object' ? Object.entries(clause.position) : clause.position ? [['default', clause.position] as const] : [];
        for (const [type, position] of positions) out.push(...wrap(`Position${positions.length > 1 ? ` (${type})` : ''}: ${position}`, width, '  ', '  '));
      }
      if (item.sources?.length) out.push(...wrap(`Sources: ${item.sources.join('; ')}`, width, '  ', '  ').map((l) => s.dim(l)));
      if (item.recheck_months ?? pb.recheck_months) out.push(s.dim(`  re-check every ${item.recheck_months ?? pb.recheck_months} months`));
    }
  }
  ctx.stdout.write(`${out.join('\n')}\n`);
}

/** Where an imported playbook came from, and whose copyright its text is under. */
function sourceLines(source: NonNullable<Playbook['source']>): string[] {
  const version = source.version !== undefined ? ` version ${source.version}` : '';
  const by = source.provider ? ` by ${source.provider}` : '';
  return [`Imported from ${source.name}${version}${by}${source.locale ? ` (${source.locale})` : ''}`, ...(source.copyright ? [`Copyright: ${source.copyright}`] : []), ...(source.urn ? [`Library: ${source.urn}`] : [])];
}

export async function validatePlaybooks(ctx: CommandContext, options: GlobalOptions & { paths: string[] }): Promise<void> {
  const extra = options.paths.map((p) => path.resolve(ctx.cwd, p));
  // A validator parses every custom file afresh rather than trust the cache (and refreshes it).
  const registry = await loadRegistryFor(ctx, options, extra, { fresh: true });
  // Compared as real paths: a file named through a symlink, or loaded first under another spelling, is still the one asked about.
  const wanted = extra.map(realFile);
  const inWanted = (file: string) => wanted.some((w) => file === w || file.startsWith(w + path.sep));
  const shown = extra.length > 0 ? registry.playbooks.filter((p) => inWanted(realFile(p.file))) : registry.playbooks;
  const failed = new Set(registry.problems.filter((p) => p.level === 'error').map((p) => p.file));
  for (const p of shown) {
    if (!failed.has(p.file)) ctx.stdout.write(`ok  ${terminalText(displayPath(ctx, p.file))}  (${p.playbook.id}, ${p.itemCount} items)\n`);
  }
  if (failed.size > 0) {
    throw new InvalidDataError(shownProblems(ctx, registry.problems));
  }
  printProblems(ctx.stderr, shownProblems(ctx, registry.problems));
  ctx.stdout.write(`${shown.length} playbook${shown.length === 1 ? '' : 's'} valid\n`);
}
