import path from 'node:path';
import { OutputError, ThresholdError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { Assessment } from '../assessment/score.js';
import type { Stage } from '../playbook/schema.js';
import type { CommandContext } from './context.js';
import { displayPath } from './registry.js';

export interface ReportOutputOptions {
  out?: string;
  force: boolean;
  json: boolean;
  failUnder?: number;
  strict: boolean;
  checklist: boolean;
  /** False under --no-notes: the user's notes are left out of what is written. */
  notes: boolean;
  /** Leave out the "wrote FILE" lines: the interactive summary names the files itself. */
  quiet?: boolean;
}

/** A name that is safe on every file system and still says who it is about. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'vendor';
}

export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An onboarding check gets a name of its own, so it never meets the readiness report of the same day. */
export function defaultReportName(vendor: string, date: Date, stage: Stage = 'signing'): string {
  return `outsource-${stage === 'onboarding' ? 'onboarding' : 'readiness'}-${slug(vendor)}-${localDate(date)}.md`;
}

export function defaultChecklistName(vendor: string, date: Date): string {
  return `outsource-checklist-${slug(vendor)}-${localDate(date)}.md`;
}

/** Writes (or prints) a report and its checklist, then applies --fail-under and --strict. Returns the files written. */
/** Writes one output file, naming it in errors as the user would (relative to where they stand). */
export function writeOutput(ctx: CommandContext, file: string, data: string, force: boolean): void {
  try {
    writeFileAtomic(file, data, { overwrite: force });
  } catch (error) {
    if (error instanceof OutputError) throw new OutputError(displayPath(ctx, file), error.reason, { cause: error });
    throw error;
  }
}

/** Markdown to stdout, or, with `--out PATH`, to that file (atomically, never over an existing one without --force). */
export function printOrWrite(ctx: CommandContext, markdown: string, out: string | undefined, force: boolean): void {
  if (!out || out === '-') {
    ctx.stdout.write(markdown);
    return;
  }
  const file = path.resolve(ctx.cwd, out);
  writeOutput(ctx, file, markdown, force);
  ctx.stderr.write(`wrote ${displayPath(ctx, file)}\n`);
}

/** Where a report and its checklist go: nothing for `--out -`, else the report and, unless turned off, the checklist beside it. */
export function reportTargets(ctx: CommandContext, assessment: Pick<Assessment, 'engagement' | 'stage'>, options: Pick<ReportOutputOptions, 'out' | 'checklist'>): { report: string; checklist: string | null } | null {
  if (options.out === '-') return null;
  const now = ctx.now();
  const vendor = assessment.engagement.vendor;
  const report = path.resolve(ctx.cwd, options.out ?? defaultReportName(vendor, now, assessment.stage));
  // The checklist is for the contract: an onboarding check, after signing, has none.
  const checklist = options.checklist && assessment.stage === 'signing';
  return { report, checklist: checklist ? path.join(path.dirname(report), defaultChecklistName(vendor, now)) : null };
}

export function emitReport(ctx: CommandContext, assessment: Assessment, rendered: { report: string; checklist: string | null }, options: ReportOutputOptions): string[] {
  const written: string[] = [];
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
  } else {
    const targets = reportTargets(ctx, assessment, options);
    if (!targets) ctx.stdout.write(rendered.report);
    else {
      writeOutput(ctx, targets.report, rendered.report, options.force);
      written.push(targets.report);
      if (targets.checklist && rendered.checklist !== null) {
        writeOutput(ctx, targets.checklist, rendered.checklist, options.force);
        written.push(targets.checklist);
      }
    }
    if (!options.quiet) for (const file of written) ctx.stderr.write(`wrote ${displayPath(ctx, file)}\n`);
  }
  applyGates(assessment, options);
  return written;
}

export function applyGates(assessment: Assessment, options: Pick<ReportOutputOptions, 'failUnder' | 'strict'>): void {
  const score = assessment.scores.overall.percent;
  if (options.failUnder !== undefined && (score === null || score < options.failUnder)) {
    throw new ThresholdError(`the overall score, ${score ?? 'n/a'}, is below --fail-under ${options.failUnder}`);
  }
  if (options.strict && assessment.verdict.level === 'not-ready') {
    throw new ThresholdError(`the verdict is not ready (--strict): ${assessment.verdict.reasons[0] ?? ''}`);
  }
}
