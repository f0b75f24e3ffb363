import { safeJson } from '../../terminal/safe.js';
import { UsageError } from '../../errors.js';
import { answerMap, withScope, type ScopeOverrides } from '../../assessment/answers.js';
import { assess } from '../../assessment/score.js';
import type { EngagementType } from '../../playbook/schema.js';
import { CHECKLIST_FORMAT, checklistOf, renderChecklist } from '../../report/checklist.js';
import type { Paper, ReportFormat } from '../../report/formats.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { localDate, pdfPreflight, printOrWrite } from '../output.js';
import { readingSections, requireRegistry } from '../registry.js';
import { shareable } from '../../report/notes.js';

export interface ChecklistOptions extends ScopeOverrides {
  type?: EngagementType;
  answers?: string;
  out?: string;
  force: boolean;
  json: boolean;
  /** Markdown when not given; pdf prints on A4 unless `paper` says otherwise. */
  format?: ReportFormat;
  paper?: Paper;
  browser?: string;
  /** False under --no-notes. */
  notes: boolean;
}

export async function checklistCommand(ctx: CommandContext, options: GlobalOptions & ChecklistOptions): Promise<void> {
  if (!options.json) pdfPreflight(ctx, options);
  // Sections are read only through readingSections: no parser unless a file needs one.
  const registry = await requireRegistry(ctx, options, { sections: false });
  if (options.stage === 'onboarding') throw new UsageError('the pre-contract checklist is for signing; onboarding items come after it and put nothing in the contract');
  let assessment;
  let answered: boolean;
  if (options.answers) {
    // The answers reader (zod, the YAML readers) loads only for --answers.
    const { assessAnswers, readAnswers } = await import('../assessment.js');
    const read = readAnswers(ctx, options.answers);
    if (options.type && options.type !== read.answers.engagement.type) {
      throw new UsageError(`--type ${options.type} contradicts the answers file, which says type ${read.answers.engagement.type}`);
    }
    assessment = shareable(await assessAnswers(ctx, registry, { ...read, answers: withScope(read.answers, options) }, undefined), options.notes);
    answered = true;
  } else {
    if (!options.type) throw new UsageError('say which engagement: --type freelancer|agency|bpo|other, or --answers FILE');
    // No answers: every clause that could apply is listed, the conditional ones with their condition.
    const blank = withScope({ engagement: { vendor: 'any', type: options.type } }, options);
    const now = ctx.now();
    assessment = shareable(await readingSections(registry, () => assess({ playbooks: registry.playbooks.map((p) => p.playbook), engagement: blank.engagement, answers: answerMap({}), now })), options.notes);
    answered = false;
  }
  const checklist = checklistOf(assessment, answered);
  const vendor = answered ? assessment.engagement.vendor : null;
  const { type, client_region, vendor_region } = assessment.engagement;
  if (options.json) {
    const regions = { client_region: client_region ?? null, vendor_region: vendor_region ?? null };
    ctx.stdout.write(`${safeJson({ format: CHECKLIST_FORMAT, type, ...regions, vendor, ...checklist })}\n`);
    return;
  }
  const context = { vendor, type, date: localDate(ctx.now()) };
  if (options.format === 'html' || options.format === 'pdf') {
    const { renderHtmlChecklist } = await import('../../report/html.js');
    printOrWrite(ctx, renderHtmlChecklist(checklist, context, options.format === 'pdf' ? { paper: options.paper ?? 'a4' } : {}), options.out, options.force, options);
  } else printOrWrite(ctx, renderChecklist(checklist, context), options.out, options.force);
}
