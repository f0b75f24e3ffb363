import { createHash } from 'node:crypto';
import path from 'node:path';
import { vendorKey } from '../assessment/vendor.js';
import { OutputError, ThresholdError, UsageError } from '../errors.js';
import { outputTarget, prepareWrite, writeFileAtomic, type PreparedWrite } from '../io/atomic.js';
import type { Assessment } from '../assessment/score.js';
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
export function defaultReportName(vendor: string, date: Date, stage: Stage = 'signing'): string {
  return `outsource-${stage === 'onboarding' ? 'onboarding' : 'readiness'}-${slug(vendor)}-${localDate(date)}.md`;
}

export function defaultChecklistName(vendor: string, date: Date): string {
  return `outsource-checklist-${slug(vendor)}-${localDate(date)}.md`;
}

/** Writes one output file, naming it in errors as the user would (relative to where they stand). */
export function writeOutput(ctx: CommandContext, file: string, data: string, force: boolean): void {
  shownAs(ctx, () => writeFileAtomic(file, data, { overwrite: force }));
}

function shownAs<T>(ctx: CommandContext, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OutputError) throw new OutputError(displayPath(ctx, error.file), error.reason, { cause: error });
    throw error;
  }
}

/** Markdown to stdout, or, with `--out PATH`, to that file (atomically, never over an existing one without --force). */
export function printOrWrite(ctx: CommandContext, markdown: string, out: string | undefined, force: boolean): void {
  if (out === undefined || out === '-') {
    ctx.stdout.write(markdown);
    return;
  }
  const file = path.resolve(ctx.cwd, out);
  writeOutput(ctx, file, markdown, force);
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
export function reportTargets(ctx: CommandContext, assessment: Pick<Assessment, 'engagement' | 'stage'>, options: Pick<ReportOutputOptions, 'out' | 'checklist'>): ReportTargets | null {
  if (options.out === '-') return null;
  const now = ctx.now();
  const vendor = assessment.engagement.vendor;
  const report = path.resolve(ctx.cwd, options.out ?? defaultReportName(vendor, now, assessment.stage));
  // The checklist is for the contract: an onboarding check, after signing, has none.
  if (!options.checklist || assessment.stage !== 'signing') return { report, checklist: null };
  if (shownAs(ctx, () => outputTarget(report)).kind === 'stream') {
    return { report, checklist: null, noChecklist: `no checklist written: ${displayPath(ctx, report)} is a device or pipe, with no folder to put it beside; write it with \`outsource-check checklist --answers FILE\`` };
  }
  const checklist = path.join(path.dirname(report), defaultChecklistName(vendor, now));
  if (checklist === report) throw new UsageError(`--out ${options.out ?? ''} is the name the checklist is written to; choose another name for the report, or add --no-checklist`);
  return { report, checklist };
}

/**
 * Writes a report and its checklist as a pair: both targets are checked and
 * both files prepared (so an existing file or a full disk stops the run
 * before either is published), then both are published; if the second
 * cannot be, the first is taken back.
 */
export function writeReportFiles(ctx: CommandContext, files: readonly { file: string; data: string }[], force: boolean, prepare: typeof prepareWrite = prepareWrite): void {
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
      const files = [{ file: targets.report, data: rendered.report }, ...(targets.checklist && rendered.checklist !== null ? [{ file: targets.checklist, data: rendered.checklist }] : [])];
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
