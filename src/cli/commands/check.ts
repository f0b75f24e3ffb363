import { UsageError } from '../../errors.js';
import { vendorNameProblem } from '../../assessment/vendor.js';
import type { CheckFlags } from '../program.js';
import { reportFromFile, type ReportCommandOptions } from '../assessment.js';
import { canPrompt, commandName, type CommandContext, type GlobalOptions } from '../context.js';
import { pdfPreflight } from '../output.js';
import { requireRegistry } from '../registry.js';

export type CheckOptions = GlobalOptions & ReportCommandOptions & CheckFlags;

export async function checkCommand(ctx: CommandContext, options: CheckOptions): Promise<void> {
  if (options.vendor !== undefined) {
    const problem = vendorNameProblem(options.vendor);
    if (problem) throw new UsageError(`--vendor ${problem}: it names the vendor in the report and the saved session`);
  }
  // From an answers file, sections are read only through readingSections (assessAnswers): no parser unless a file needs one.
  const registry = await requireRegistry(ctx, options, { sections: options.answers === undefined });
  if (options.answers) {
    if (options.resume || options.recheck) throw new UsageError('--answers reads a finished file; it does not go with --resume or --recheck');
    await reportFromFile(ctx, registry, options.answers, options);
    return;
  }
  if (!canPrompt(ctx, options)) {
    const cmd = commandName(ctx);
    throw new UsageError(
      [
        `no answers to read: ${options.input ? 'this is not an interactive terminal' : '--no-input was given'}.`,
        'Write an answers file and pass it in:',
        `  ${cmd} template --type ${options.type ?? 'freelancer'} > answers.yaml`,
        `  ${cmd} check --answers answers.yaml`,
        ...(options.resume ? [`A saved session renders without questions with: ${cmd} report FILE`] : []),
      ].join('\n'),
    );
  }
  // The interview always writes its files: a missing browser for --format pdf fails now, not after the questions.
  pdfPreflight(ctx, options, true);
  const { interactiveCheck } = await import('./check-interactive.js');
  await interactiveCheck(ctx, options, registry);
}

