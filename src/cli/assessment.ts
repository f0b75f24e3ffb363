import path from 'node:path';
import type { EngagementType } from '../playbook/schema.js';
import { InvalidDataError, ThresholdError, type Problem } from '../errors.js';
import { printProblems } from './problems.js';
import { assessParsed, loadAnswersFile, type ParsedAnswers } from '../assessment/load-answers.js';
import { withScope, type ScopeOverrides } from '../assessment/answers.js';
import type { Assessment } from '../assessment/score.js';
import type { Registry } from '../playbook/registry.js';
import type { CommandContext } from './context.js';
import { displayPath, readingSections, shownProblems } from './registry.js';
import { unansweredLine, verdictLine } from './ending.js';
import { emitReport, pdfPreflight, type ReportOutputOptions } from './output.js';
import { renderReport } from '../report/readiness.js';
import { checklistOf, renderChecklist } from '../report/checklist.js';
import { shareable } from '../report/notes.js';

/** Loads an answers or session file, failing with exit 65 on any error and printing warnings. */
export function readAnswers(ctx: CommandContext, file: string): ParsedAnswers {
  const { parsed, problems } = loadAnswersFile(path.resolve(ctx.cwd, file));
  const shown = shownProblems(ctx, problems);
  if (!parsed || problems.some((p) => p.level === 'error')) throw new InvalidDataError(shown);
  printWarnings(ctx, problems);
  return parsed;
}

export function printWarnings(ctx: CommandContext, problems: readonly Problem[]): void {
  printProblems(ctx.stderr, shownProblems(ctx, problems));
}

/** Scores answers; the sections are read through readingSections, so the registry may come without a parser. */
export async function assessAnswers(ctx: CommandContext, registry: Registry, parsed: ParsedAnswers, threshold: number | undefined): Promise<Assessment> {
  const now = ctx.now();
  const { assessment, problems } = await readingSections(registry, () => assessParsed(parsed, registry.playbooks.map((p) => p.playbook), now, threshold));
  if (problems.some((p) => p.level === 'error')) throw new InvalidDataError(shownProblems(ctx, problems));
  printWarnings(ctx, problems);
  return assessment;
}

/** What every report-writing command takes: where and how to write, plus how to score and draw. */
export interface ReportCommandOptions extends ReportOutputOptions, ScopeOverrides {
  /** Markdown only: HTML always has its chart. */
  chart: boolean;
  threshold?: number;
}

function checklistContext(assessment: Assessment): { vendor: string; type: EngagementType; date: string } {
  return { vendor: assessment.engagement.vendor, type: assessment.engagement.type, date: assessment.generated.slice(0, 10) };
}

/** The report, and the checklist when the check has one: an onboarding check comes after the contract is signed. */
export function renderAll(assessment: Assessment, chart: boolean): { report: string; checklist: string | null } {
  return {
    report: renderReport(assessment, { chart }),
    checklist: assessment.stage === 'signing' ? renderChecklist(checklistOf(assessment, true), checklistContext(assessment)) : null,
  };
}

/**
 * The same in the format asked for: markdown, or HTML (which --format pdf
 * prints when it writes). The HTML renderer loads only when asked for.
 */
export async function renderOutputs(assessment: Assessment, options: Pick<ReportCommandOptions, 'chart' | 'format' | 'paper'>): Promise<{ report: string; checklist: string | null }> {
  if (options.format !== 'html' && options.format !== 'pdf') return renderAll(assessment, options.chart);
  const { renderHtmlChecklist, renderHtmlReport } = await import('../report/html.js');
  const page = options.format === 'pdf' ? { paper: options.paper ?? 'a4' } : {};
  return {
    report: renderHtmlReport(assessment, page),
    checklist: assessment.stage === 'signing' ? renderHtmlChecklist(checklistOf(assessment, true), checklistContext(assessment), page) : null,
  };
}

/** `check --answers FILE` and `report FILE`: answers in, report out. */
export async function reportFromFile(ctx: CommandContext, registry: Registry, file: string, options: ReportCommandOptions): Promise<Assessment> {
  if (!options.json) pdfPreflight(ctx, options, true);
  const read = readAnswers(ctx, file);
  const parsed = { ...read, answers: withScope(read.answers, options) };
  const assessment = shareable(await assessAnswers(ctx, registry, parsed, options.threshold), options.notes);
  // After the "wrote" lines, on stderr so stdout stays data (--json, --out -): the verdict, and what is still open.
  const ending = () => {
    // --json carries the verdict itself, for a script; its stderr stays for problems.
    if (options.json) return;
    const lines = [verdictLine(assessment), unansweredLine(assessment, displayPath(ctx, parsed.file))].filter((l): l is string => l !== null);
    ctx.stderr.write(`${lines.join('\n')}\n`);
  };
  const rendered = await renderOutputs(assessment, options);
  try {
    emitReport(ctx, assessment, rendered, options);
  } catch (error) {
    // A failed gate still wrote the report: the verdict comes before the gate's message.
    if (error instanceof ThresholdError) ending();
    throw error;
  }
  ending();
  return assessment;
}
