import path from 'node:path';
import { OutputError, ThresholdError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { Assessment } from '../assessment/score.js';
import type { Paper, ReportFormat } from '../report/formats.js';
import { findBrowser, printPdf } from '../io/pdf.js';
import type { Stage } from '../playbook/schema.js';
import type { CommandContext } from './context.js';
import { displayPath } from './registry.js';
import { safeJson, terminalText } from '../terminal/safe.js';

export interface ReportOutputOptions {
  out?: string;
  force: boolean;
  json: boolean;
  failUnder?: number;
  strict: boolean;
  checklist: boolean;
  /** Markdown when not given. */
  format?: ReportFormat;
  /** --format pdf: the paper (A4 when not given), and the browser that prints (found when not named). */
  paper?: Paper;
  browser?: string;
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
export function defaultReportName(vendor: string, date: Date, stage: Stage = 'signing', format: ReportFormat = 'md'): string {
  return `outsource-${stage === 'onboarding' ? 'onboarding' : 'readiness'}-${slug(vendor)}-${localDate(date)}.${format}`;
}

export function defaultChecklistName(vendor: string, date: Date, format: ReportFormat = 'md'): string {
  return `outsource-checklist-${slug(vendor)}-${localDate(date)}.${format}`;
}

/** Writes (or prints) a report and its checklist, then applies --fail-under and --strict. Returns the files written. */
export type PdfOptions = Pick<ReportOutputOptions, 'format' | 'browser'>;

export function browserFor(ctx: CommandContext, options: PdfOptions): string | null {
  return options.format === 'pdf' ? findBrowser({ named: options.browser, env: ctx.env }) : null;
}

/** For --format pdf, before any work: a browser to print with, and a file to print to (a PDF never goes to stdout). */
export function pdfPreflight(ctx: CommandContext, options: PdfOptions & { out?: string | undefined }, outDefault = false): void {
  if (options.format !== 'pdf') return;
  if (options.out === '-' || (!options.out && !outDefault)) throw new UsageError('--format pdf writes a file: give --out FILE.pdf');
  browserFor(ctx, options);
}

/** Writes one output file, naming it in errors as the user would (relative to where they stand); for --format pdf the HTML is printed first. */
export function writeOutput(ctx: CommandContext, file: string, text: string, force: boolean, pdf: PdfOptions = { format: 'md' }): void {
  const browser = browserFor(ctx, pdf);
  try {
    writeFileAtomic(file, browser ? printPdf(browser, text, displayPath(ctx, file)) : text, { overwrite: force });
  } catch (error) {
    if (error instanceof OutputError) throw new OutputError(displayPath(ctx, file), error.reason, { cause: error });
    throw error;
  }
}

/** Markdown or HTML to stdout, or, with `--out PATH`, to that file (atomically, never over an existing one without --force). */
export function printOrWrite(ctx: CommandContext, text: string, out: string | undefined, force: boolean, pdf: PdfOptions = { format: 'md' }): void {
  if (!out || out === '-') {
    ctx.stdout.write(text);
    return;
  }
  const file = path.resolve(ctx.cwd, out);
  writeOutput(ctx, file, text, force, pdf);
  ctx.stderr.write(`wrote ${terminalText(displayPath(ctx, file))}\n`);
}

/** Where a report and its checklist go: nothing for `--out -`, else the report and, unless turned off, the checklist beside it. */
export function reportTargets(ctx: CommandContext, assessment: Pick<Assessment, 'engagement' | 'stage'>, options: Pick<ReportOutputOptions, 'out' | 'checklist' | 'format'>): { report: string; checklist: string | null } | null {
  if (options.out === '-') return null;
  const now = ctx.now();
  const vendor = assessment.engagement.vendor;
  const report = path.resolve(ctx.cwd, options.out ?? defaultReportName(vendor, now, assessment.stage, options.format));
  // The checklist is for the contract: an onboarding check, after signing, has none.
  const checklist = options.checklist && assessment.stage === 'signing';
  return { report, checklist: checklist ? path.join(path.dirname(report), defaultChecklistName(vendor, now, options.format)) : null };
}

export function emitReport(ctx: CommandContext, assessment: Assessment, rendered: { report: string; checklist: string | null }, options: ReportOutputOptions): string[] {
  const written: string[] = [];
  if (options.json) {
    ctx.stdout.write(`${safeJson(assessment)}\n`);
  } else {
    const targets = reportTargets(ctx, assessment, options);
    if (!targets) ctx.stdout.write(rendered.report);
    else {
      writeOutput(ctx, targets.report, rendered.report, options.force, options);
      written.push(targets.report);
      if (targets.checklist && rendered.checklist !== null) {
        writeOutput(ctx, targets.checklist, rendered.checklist, options.force, options);
        written.push(targets.checklist);
      }
    }
    if (!options.quiet) for (const file of written) ctx.stderr.write(`wrote ${terminalText(displayPath(ctx, file))}\n`);
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
