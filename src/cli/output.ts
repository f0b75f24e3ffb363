import { createHash } from 'node:crypto';
import path from 'node:path';
import { vendorKey } from '../assessment/vendor.js';
import { OutputError, ThresholdError, UsageError } from '../errors.js';
import { outputTarget, prepareWrite, writeFileAtomic, type PreparedWrite } from '../io/atomic.js';
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

/**
 * A file name part that is safe on every file system and still says who it
 * is about. It is not the vendor's identity (see vendor.ts): where letters or
 * digits were lost (a non-Latin name slugs to nothing; "鈴木 Ltd" and
 * "山田 Ltd" both to "ltd") or the name was cut, a short hash of the
 * normalised name keeps two vendors' files apart.
 */
export function slug(text: string): string {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const full = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const s = full.slice(0, 40).replace(/-+$/, '');
  const lossy = s !== full || /[^a-z0-9]/u.test((folded.match(/[\p{L}\p{N}]/gu) ?? []).join(''));
  if (!lossy && s !== '') return s;
  const hash = createHash('sha256').update(vendorKey(text)).digest('hex').slice(0, 6);
  return `${s || 'vendor'}-${hash}`;
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

/** What is written for a rendering: the text itself, or for --format pdf what the browser prints of it. */
function outputData(ctx: CommandContext, file: string, text: string, pdf: PdfOptions): string | Uint8Array {
  const browser = browserFor(ctx, pdf);
  return browser ? printPdf(browser, text, displayPath(ctx, file)) : text;
}

/** Writes one output file, naming it in errors as the user would (relative to where they stand); for --format pdf the HTML is printed first. */
export function writeOutput(ctx: CommandContext, file: string, text: string, force: boolean, pdf: PdfOptions = { format: 'md' }): void {
  shownAs(ctx, () => writeFileAtomic(file, outputData(ctx, file, text, pdf), { overwrite: force }));
}

function shownAs<T>(ctx: CommandContext, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OutputError) throw new OutputError(displayPath(ctx, error.file), error.reason, { cause: error });
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

export interface ReportTargets {
  report: string;
  /** Null with --no-checklist, or when the report goes into a device or pipe, which has no folder to put one beside. */
  checklist: string | null;
  /** Why a wanted checklist is not written, to tell the user. */
  noChecklist?: string;
}

/** Where a report and its checklist go: nothing for `--out -`, else the report and, unless turned off, the checklist beside it. */
export function reportTargets(ctx: CommandContext, assessment: Pick<Assessment, 'engagement' | 'stage'>, options: Pick<ReportOutputOptions, 'out' | 'checklist' | 'format'>): ReportTargets | null {
  if (options.out === '-') return null;
  const now = ctx.now();
  const vendor = assessment.engagement.vendor;
  const report = path.resolve(ctx.cwd, options.out ?? defaultReportName(vendor, now, assessment.stage, options.format));
  // The checklist is for the contract: an onboarding check, after signing, has none.
  if (!options.checklist || assessment.stage !== 'signing') return { report, checklist: null };
  if (shownAs(ctx, () => outputTarget(report)).kind === 'stream') {
    return { report, checklist: null, noChecklist: `no checklist written: ${displayPath(ctx, report)} is a device or pipe, with no folder to put it beside; write it with \`outsource-check checklist --answers FILE\`` };
  }
  const checklist = path.join(path.dirname(report), defaultChecklistName(vendor, now, options.format));
  if (checklist === report) throw new UsageError(`--out ${options.out ?? ''} is the name the checklist is written to; choose another name for the report, or add --no-checklist`);
  return { report, checklist };
}

/**
 * Writes a report and its checklist as a pair: both targets are checked and
 * both files prepared (so an existing file or a full disk stops the run
 * before either is published), then both are published; if the second
 * cannot be, the first is taken back.
 */
export function writeReportFiles(ctx: CommandContext, files: readonly { file: string; data: string | Uint8Array }[], force: boolean, prepare: typeof prepareWrite = prepareWrite): void {
  const prepared: PreparedWrite[] = [];
  try {
    for (const { file, data } of files) prepared.push(shownAs(ctx, () => prepare(file, data, { overwrite: force })));
  } catch (error) {
    for (const p of prepared) p.discard();
    throw error;
  }
  const published: PreparedWrite[] = [];
  try {
    for (const p of prepared) {
      shownAs(ctx, () => p.publish());
      published.push(p);
    }
  } catch (error) {
    for (const p of prepared) if (!published.includes(p)) p.discard();
    for (const p of published.reverse()) p.undo();
    throw error;
  }
  for (const p of published) p.commit();
}

export function emitReport(ctx: CommandContext, assessment: Assessment, rendered: { report: string; checklist: string | null }, options: ReportOutputOptions): string[] {
  const written: string[] = [];
  if (options.json) {
    ctx.stdout.write(`${safeJson(assessment)}\n`);
  } else {
    const targets = reportTargets(ctx, assessment, options);
    if (!targets) ctx.stdout.write(rendered.report);
    else {
      const texts = [{ file: targets.report, text: rendered.report }, ...(targets.checklist && rendered.checklist !== null ? [{ file: targets.checklist, text: rendered.checklist }] : [])];
      const files = texts.map(({ file, text }) => ({ file, data: shownAs(ctx, () => outputData(ctx, file, text, options)) }));
      writeReportFiles(ctx, files, options.force);
      written.push(...files.map((f) => f.file));
      if (targets.noChecklist) ctx.stderr.write(`${targets.noChecklist}\n`);
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
