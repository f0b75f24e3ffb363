import path from 'node:path';
import { formatProblem, InvalidDataError } from '../../errors.js';
import { importLibrary, type ImportedPlaybook } from '../../import/ciso.js';
import { parsePlaybook } from '../../playbook/load.js';
import type { Severity } from '../../playbook/schema.js';
import { MAX_SOURCE_BYTES, readSource } from '../../source/read.js';
import { readYaml } from '../../source/yaml.js';
import { yamlLib } from '../../source/yaml-lib.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { printOrWrite } from '../output.js';
import { displayPath } from '../registry.js';

export interface ImportOptions extends GlobalOptions {
  file: string;
  locale?: string;
  id?: string;
  severity: Severity;
  out?: string;
  force: boolean;
}

/**
 * Older libraries share one list of choices through YAML anchors (87 aliases in
 * CISA's vendor template); playbooks and answers files allow 100 aliased nodes,
 * a library gets more, still far too few for an alias bomb to matter.
 */
const LIBRARY_ALIAS_LIMIT = 10_000;

/** Library text can hold anything; a notice printed to a terminal holds no control characters. */
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export async function importCommand(ctx: CommandContext, options: ImportOptions): Promise<void> {
  const file = path.resolve(ctx.cwd, options.file);
  const read = readSource(file);
  const shown = displayPath(ctx, file);
  if (!read.ok) throw new InvalidDataError(read.problems.map((p) => ({ ...p, file: shown })));
  const parsed = readYaml({ file: shown, text: read.source.text }, { maxAliasCount: LIBRARY_ALIAS_LIMIT });
  if (!parsed.ok) throw new InvalidDataError(parsed.problems);
  const result = importLibrary(parsed.yaml, parsed.value, {
    severity: options.severity,
    ...(options.locale !== undefined ? { locale: options.locale } : {}),
    ...(options.id !== undefined ? { id: options.id } : {}),
  });
  if (!result.ok) throw new InvalidDataError(result.problems);

  const text = serialize(result.playbook, path.basename(file));
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SOURCE_BYTES) {
    throw new InvalidDataError([{ file: shown, line: 1, col: 1, level: 'error', message: `the playbook would be ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB a playbook may have` }]);
  }
  // What was written must load; if it does not, the import has a bug, which exit 70 reports.
  const check = parsePlaybook({ file: options.out ?? 'imported playbook', text });
  if (!check.parsed) throw new Error(`the imported playbook does not validate: ${check.problems.map(formatProblem).join('; ')}`);

  for (const notice of result.notices) ctx.stderr.write(`note: ${printable(notice)}\n`);
  printOrWrite(ctx, text, options.out, options.force);
  const items = result.playbook.sections.reduce((n, s) => n + s.items.length, 0);
  if (options.out && options.out !== '-') {
    ctx.stderr.write(`${printable(result.playbook.id)}: ${items} items in ${result.playbook.sections.length} sections; load it with --playbooks ${printable(displayPath(ctx, path.dirname(path.resolve(ctx.cwd, options.out))))}\n`);
  }
}

function serialize(playbook: ImportedPlaybook, from: string): string {
  const { urn, version, locale, copyright } = playbook.source;
  const details = [urn, version !== undefined ? `version ${version}` : '', locale ? `locale ${locale}` : ''].filter(Boolean);
  const header = [
    `# Imported by outsource-check from the CISO Assistant library ${from}${details.length ? ` (${details.join(', ')})` : ''}.`,
    ...(copyright ? [`# Copyright: ${copyright}`] : []),
    '# Importing a newer version of the library keeps the item ids, so answers carry over.',
  ];
  // A comment line stays one line whatever the library's text holds.
  return `${header.map(printable).join('\n')}\n${yamlLib().stringify(playbook, { lineWidth: 0 })}`;
}
