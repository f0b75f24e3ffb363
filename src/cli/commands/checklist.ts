import { UsageError } from '../../errors.js';
import { answerMap } from '../../assessment/answers.js';
import { assess } from '../../assessment/score.js';
import type { EngagementType } from '../../playbook/schema.js';
import { checklistOf, renderChecklist } from '../../report/checklist.js';
import type { Paper, ReportFormat } from '../../report/formats.js';
import { assessAnswers, readAnswers } from '../assessment.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { localDate, pdfPreflight, printOrWrite } from '../output.js';
import { requireRegistry } from '../registry.js';

export interface ChecklistOptions {
  type?: EngagementType;
  answers?: string;
  out?: string;
  force: boolean;
  json: boolean;
  format: ReportFormat;
  paper: Paper;
  browser?: string;
}

export async function checklistCommand(ctx: CommandContext, options: GlobalOptions & ChecklistOptions): Promise<void> {
  if (!options.json) pdfPreflight(ctx, options);
  const registry = requireRegistry(ctx, options);
  let checklist;
  let vendor: string | null = null;
  let type: EngagementType;
  if (options.answers) {
    const parsed = readAnswers(ctx, options.answers);
    if (options.type && options.type !== parsed.answers.engagement.type) {
      throw new UsageError(`--type ${options.type} contradicts the answers file, which says type ${parsed.answers.engagement.type}`);
    }
    const assessment = assessAnswers(ctx, registry, parsed, undefined);
    checklist = checklistOf(assessment, true);
    vendor = parsed.answers.engagement.vendor;
    type = parsed.answers.engagement.type;
  } else {
    if (!options.type) throw new UsageError('say which engagement: --type freelancer|agency|bpo|other, or --answers FILE');
    type = options.type;
    const assessment = assess({ playbooks: registry.playbooks.map((p) => p.playbook), engagement: { vendor: 'any', type }, answers: answerMap({}), now: ctx.now() });
    checklist = checklistOf(assessment, false);
  }
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({ format: 'outsource-check/checklist@1', type, vendor, ...checklist }, null, 2)}\n`);
    return;
  }
  const context = { vendor, type, date: localDate(ctx.now()) };
  if (options.format !== 'md') {
    const { renderHtmlChecklist } = await import('../../report/html.js');
    printOrWrite(ctx, renderHtmlChecklist(checklist, context, options.format === 'pdf' ? { paper: options.paper } : {}), options.out, options.force, options);
  } else printOrWrite(ctx, renderChecklist(checklist, context), options.out, options.force);
}
