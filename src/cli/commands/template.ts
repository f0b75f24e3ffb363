import { didYouMean } from '../../source/suggest.js';
import { UsageError } from '../../errors.js';
import { applicability, conditionWords, entriesByKey, entriesOf, isNeed, openConditions, regionConditionWords, scopeOf } from '../../assessment/applicability.js';
import { ANSWERS_FORMAT, withScope, type ScopeOverrides } from '../../assessment/answers.js';
import { resolveSeverity, type EngagementType } from '../../playbook/model.js';
import { commandName, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';
import { modeline } from '../../schema-url.js';
import { terminalLine } from '../../terminal/safe.js';

export interface TemplateOptions extends ScopeOverrides {
  type: EngagementType;
  playbook: string[];
}

/** One comment line per fact: YAML comments cannot wrap, so long questions simply run on. */
const comment = (text: string) => `  # ${terminalLine(text.replace(/\s+/g, ' ').trim())}`;

export async function templateCommand(ctx: CommandContext, options: GlobalOptions & TemplateOptions): Promise<void> {
  const registry = await requireRegistry(ctx, options);
  const all = registry.playbooks.map((p) => p.playbook);
  const ids = all.map((p) => p.id);
  for (const id of options.playbook) {
    if (!ids.includes(id)) throw new UsageError(`no playbook \`${id}\`${didYouMean(id, ids)}; \`${commandName(ctx)} playbooks list\` shows them all`);
  }
  const chosen = options.playbook.length > 0 ? all.filter((p) => options.playbook.includes(p.id)) : all;
  const check = withScope({ engagement: { vendor: '', type: options.type } }, options);
  const scope = scopeOf(check);
  const entries = entriesOf(chosen);
  const none = new Map();
  const decided = applicability(entries, scope, none);
  const byKey = entriesByKey(entries);
  // Editors with the YAML language server then complete and check the file as it is filled in.
  // The template goes to stdout, to be saved anywhere: so the URL, never a path into this install.
  const lines = [
    modeline('answers', null),
    '# Answers for `outsource-check check --answers FILE`.',
    '# Answer each item with yes, partly, no or na (not applicable), or leave it empty.',
    '# Add a note with the long form: { answer: partly, note: "Drafted, not signed yet" }.',
    `format: ${ANSWERS_FORMAT}`,
    'engagement:',
    '  vendor: ""  # required: who you are about to hire',
    `  type: ${options.type}  # freelancer | agency | bpo | other`,
    '  scope: ""  # optional: what they will do',
    scope.clientRegion ? `  client_region: ${scope.clientRegion}  # us | uk | eu (EU and EEA) | other` : '  client_region:  # optional: us | uk | eu (EU and EEA) | other; picks the advice for your law',
    scope.vendorRegion ? `  vendor_region: ${scope.vendorRegion}  # us | uk | eu | other` : '  vendor_region:  # optional: us | uk | eu | other; decides the cross-border items',
  ];
  if (scope.stage === 'onboarding') lines.push('stage: onboarding  # the first weeks after signing');
  if (scope.quick) lines.push('quick: true  # only the items critical for this engagement type');
  if (options.playbook.length > 0) lines.push(`playbooks: [${chosen.map((p) => p.id).join(', ')}]`);
  lines.push('answers:');
  let lastPlaybook = '';
  let lastSection = '';
  for (const entry of entries) {
    // Items asked for sure, and follow-ups that an answer may still call for; nothing the scope rules out.
    const open = decided.get(entry.key) === 'when' ? openConditions(entry, byKey, decided, none) : null;
    if (decided.get(entry.key) !== null && open === null) continue;
    if (entry.playbook.id !== lastPlaybook) {
      lines.push('', comment(`==== ${entry.playbook.title} (${entry.playbook.kind}) ====`));
      lastPlaybook = entry.playbook.id;
      lastSection = '';
    }
    if (entry.section.id !== lastSection) {
      lines.push(comment(`--- ${entry.section.title} ---`));
      lastSection = entry.section.id;
    }
    const level = isNeed(entry.item) ? 'about the engagement: yes or no' : resolveSeverity(entry.item.severity, options.type);
    lines.push(comment(`[${level}] ${entry.item.question}`));
    const condition = [open ? conditionWords(open) : null, regionConditionWords(entry.item, scope)].filter((c) => c !== null).join(', and ');
    if (condition) lines.push(comment(`only if ${condition}; leave empty otherwise`));
    lines.push(`  ${entry.key}:`);
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
