import path from 'node:path';
import { UsageError } from '../../errors.js';
import { ENGAGEMENT_TYPES, PLAYBOOK_FORMAT, PLAYBOOK_KINDS, type EngagementType } from '../../playbook/model.js';
import { parsePlaybook } from '../../playbook/load.js';
import { modeline } from '../../schema-url.js';
import type { Asker } from '../../ui/asker.js';
import { canPrompt, colorEnabled, commandName, type CommandContext, type GlobalOptions } from '../context.js';
import { printOrWrite, slug } from '../output.js';
import { displayPath } from '../registry.js';

export interface NewPlaybookOptions {
  id?: string;
  title?: string;
  kind?: (typeof PLAYBOOK_KINDS)[number];
  type: EngagementType[];
  out?: string;
  force: boolean;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Double-quoted YAML is JSON's string syntax: any title is safe this way. */
const str = (text: string) => JSON.stringify(text);

/** A playbook that validates as it is, with one section and one item to copy, and comments saying what to change. */
export function scaffold(p: { id: string; title: string; kind: string; types: readonly EngagementType[] }, schemaLine: string): string {
  return `${schemaLine}
# A playbook of your own. Check it with: outsource-check playbooks validate FILE
# Load it with --playbooks FILE (or its folder), or OUTSOURCE_CHECK_PLAYBOOKS.
format: ${PLAYBOOK_FORMAT}
id: ${p.id}   # kebab-case; a bundled id here replaces that bundled playbook
kind: ${p.kind}   # skill | focus-area | custom
title: ${str(p.title)}
version: 1.0.0   # raise it when questions change; saved answers record it
summary: >-
  What this playbook checks, and why it matters before you sign.
${p.types.length > 0 ? `applies_to: [${p.types.join(', ')}]   # leave out for every engagement type\n` : ''}sections:
  - id: basics
    title: The basics
    items:
      - id: first-question   # never reuse an id once answers exist
        question: Is the first thing you want to check in place?
        why: One line on what goes wrong without it.
        fix: What to do when the answer is not yes.
        severity: major   # critical | major | minor; a critical no blocks the verdict
`;
}

export async function newPlaybookCommand(ctx: CommandContext, options: GlobalOptions & NewPlaybookOptions, askerFor?: () => Promise<Asker>): Promise<void> {
  let { id, title } = options;
  let types = options.type;
  const ask = canPrompt(ctx, options) && (title === undefined || id === undefined);
  if (ask) {
    const asker = askerFor ? await askerFor() : (await import('../../ui/prompts.js')).terminalAsker({ color: colorEnabled(ctx, options), output: ctx.stderr });
    title ??= (await asker.input('Title of the playbook?', { required: true })).trim();
    id ??= (await asker.input('Its id (kebab-case)?', { default: slug(title) })).trim();
    if (options.type.length === 0) {
      types = await asker.checkbox(
        'Which engagement types does it apply to? (space toggles, Enter confirms)',
        ENGAGEMENT_TYPES.map((t) => ({ value: t, name: t, checked: true })),
      );
    }
  }
  if (title === undefined || title.trim() === '') throw new UsageError(`give the playbook a title: ${commandName(ctx)} playbooks new --title "Vendor onboarding"`);
  id ??= slug(title);
  if (!KEBAB.test(id)) throw new UsageError(`the id \`${id}\` must be kebab-case: lower-case letters, digits and single hyphens`);
  // Every type ticked is the same as no applies_to at all, and reads simpler.
  if (types.length === ENGAGEMENT_TYPES.length) types = [];
  const out = options.out ?? `${id}.yaml`;
  const target = out === '-' ? null : path.resolve(ctx.cwd, out);
  const text = scaffold({ id, title: title.trim(), kind: options.kind ?? 'custom', types }, modeline('playbook', target));
  // The scaffold must validate as written; a failure here is a bug, not the user's doing.
  const check = parsePlaybook({ file: out, text });
  if (!check.parsed) throw new Error(`the new playbook does not validate: ${check.problems.map((p) => p.message).join('; ')}`);
  printOrWrite(ctx, text, out, options.force);
  if (target) ctx.stderr.write(`Next: edit it, then check it with:\n  ${commandName(ctx)} playbooks validate ${displayPath(ctx, target)}\n`);
}
