import { UsageError } from '../../errors.js';
import type { CheckFlags } from '../program.js';
import { reportFromFile, type ReportCommandOptions } from '../assessment.js';
import { canPrompt, type CommandContext, type GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';

export type CheckOptions = GlobalOptions & ReportCommandOptions & CheckFlags;

export async function checkCommand(ctx: CommandContext, options: CheckOptions): Promise<void> {
  const registry = requireRegistry(ctx, options);
  if (options.answers) {
    reportFromFile(ctx, registry, options.answers, options);
    return;
  }
  if (!canPrompt(ctx, options)) {
    throw new UsageError(
      [
        `no answers to read: ${options.input ? 'this is not an interactive terminal' : '--no-input was given'}.`,
        'Write an answers file and pass it in:',
        '  outsource-check template --type freelancer > answers.yaml',
        '  outsource-check check --answers answers.yaml',
      ].join('\n'),
    );
  }
  throw new UsageError('the interactive check is not built yet; use --answers FILE');
}
