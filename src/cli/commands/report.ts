import { reportFromFile, type ReportCommandOptions } from '../assessment.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';

export async function reportCommand(ctx: CommandContext, options: GlobalOptions & ReportCommandOptions & { file: string }): Promise<void> {
  await reportFromFile(ctx, await requireRegistry(ctx, options, { sections: false }), options.file, options);
}
