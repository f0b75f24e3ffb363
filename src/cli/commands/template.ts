import { didYouMean } from '../../source/suggest.js';
import { UsageError } from '../../errors.js';
import { ANSWERS_FORMAT } from '../../assessment/answers-schema.js';
import { entriesOf, fitsType } from '../../assessment/applicability.js';
import type { EngagementType } from '../../playbook/schema.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { packageFile } from '../../package-files.js';
import { terminalLine } from '../../terminal/safe.js';

export interface TemplateOptions {
  type: EngagementType;
  playbook: string[];
}

/** One comment line per fact: YAML comments cannot wrap, so long questions simply run on. */
const comment = (text: string) => `  # ${terminalLine(text.replace(/\s+/g, ' ').trim())}`;

export async function templateCommand(ctx: CommandContext, options: GlobalOptions & TemplateOptions): Promise<void> {
  const registry = requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const ids = all.map((p) => p.id);
  for (const id of options.playbook) {
    if (!ids.includes(id)) throw new UsageError(`no playbook \`${id}\`${didYouMean(id, ids)}; \`outsource-check playbooks list\` shows them all`);
  }
  const chosen = options.playbook.length > 0 ? all.filter((p) => options.playbook.includes(p.id)) : all;
  // Editors with the YAML language server then complete and check the file as it is filled in.
  const schemaFile = packageFile('schema', 'answers.schema.json');
  const lines = [
    ...(schemaFile ? [`# yaml-language-server: $schema=${schemaFile}`] : []),
    '# Answers for `outsource-check check --answers FILE`.',
    '# Answer each item with yes, partly, no or na (not applicable), or leave it empty.',
    '# Add a note with the long form: { answer: partly, note: "Drafted, not signed yet" }.',
    `format: ${ANSWERS_FORMAT}`,
    'engagement:',
    '  vendor: ""  # required: who you are about to hire',
    `  type: ${options.type}  # freelancer | agency | bpo | other`,
    '  scope: ""  # optional: what they will do',
  ];
  if (options.playbook.length > 0) lines.push(`playbooks: [${chosen.map((p) => p.id).join(', ')}]`);
  lines.push('answers:');
  let lastPlaybook = '';
  let lastSection = '';
  for (const entry of entriesOf(chosen)) {
    if (!fitsType(entry, options.type)) continue;
    if (entry.playbook.id !== lastPlaybook) {
      lines.push('', comment(`==== ${entry.playbook.title} (${entry.playbook.kind}) ====`));
      lastPlaybook = entry.playbook.id;
      lastSection = '';
    }
    if (entry.section.id !== lastSection) {
      lines.push(comment(`--- ${entry.section.title} ---`));
      lastSection = entry.section.id;
    }
    lines.push(comment(`[${entry.item.severity}] ${entry.item.question}`));
    if (entry.item.when) lines.push(comment(`only asked when ${entry.item.when.item} is ${entry.item.when.is.join(' or ')}; leave empty otherwise`));
    lines.push(`  ${entry.key}:`);
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
