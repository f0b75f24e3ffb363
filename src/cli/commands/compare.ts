import { safeJson } from '../../terminal/safe.js';
import { printProblems } from '../problems.js';
import path from 'node:path';
import { InvalidDataError, UsageError, type Problem } from '../../errors.js';
import { assessParsed, parseAnswers } from '../../assessment/load-answers.js';
import { modeOf, sameAssessment, timeline, vendorMatrix } from '../../compare/compare.js';
import { looksLikeJson, parseSavedReport, snapshotOf, type Snapshot } from '../../compare/snapshot.js';
import type { Registry } from '../../playbook/registry.js';
import { renderMatrix, renderTimeline } from '../../report/comparison.js';
import type { Paper, ReportFormat } from '../../report/formats.js';
import { readSource } from '../../source/read.js';
import { shareable } from '../../report/notes.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { localDate, pdfPreflight, printOrWrite } from '../output.js';
import { displayPath, loadRegistryFor, shownProblems } from '../registry.js';

export interface CompareOptions {
  files: string[];
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

/** Answers and session files are scored with today's playbooks; saved reports keep the scores of their day. */
async function loadSnapshot(ctx: CommandContext, file: string, registry: () => Promise<Registry>, notes: boolean): Promise<{ snapshot: Snapshot | null; problems: Problem[] }> {
  const read = readSource(path.resolve(ctx.cwd, file));
  if (!read.ok) return { snapshot: null, problems: read.problems };
  const source = { ...read.source, file: displayPath(ctx, read.source.file) };
  if (looksLikeJson(source.text)) return parseSavedReport(source);
  const { parsed, problems } = parseAnswers(source);
  if (!parsed) return { snapshot: null, problems };
  const scored = assessParsed(parsed, (await registry()).playbooks.map((p) => p.playbook), ctx.now());
  const meta = parsed.answers.meta;
  // A snapshot holds no notes today; leaving them out here keeps it so if one ever does.
  return { snapshot: snapshotOf(source.file, shareable(scored.assessment, notes), meta?.finished ?? meta?.updated ?? scored.assessment.generated), problems: [...problems, ...scored.problems] };
}

export async function compareCommand(ctx: CommandContext, options: GlobalOptions & CompareOptions): Promise<void> {
  if (options.files.length < 2) throw new UsageError('compare needs at least two files: answers, session or --json report files');
  if (options.files.includes('')) throw new UsageError('compare: one of the paths is empty');
  if (!options.json) pdfPreflight(ctx, options);
  let registry: Registry | null = null;
  const lazyRegistry = async (): Promise<Registry> => {
    registry ??= await loadRegistryFor(ctx, options);
    if (registry.problems.some((p) => p.level === 'error')) throw new InvalidDataError(shownProblems(ctx, registry.problems));
    return registry;
  };
  const snapshots: Snapshot[] = [];
  const problems: Problem[] = [];
  for (const file of options.files) {
    const loaded = await loadSnapshot(ctx, file, lazyRegistry, options.notes);
    problems.push(...loaded.problems);
    if (loaded.snapshot) snapshots.push(loaded.snapshot);
  }
  if (problems.some((p) => p.level === 'error')) throw new InvalidDataError(shownProblems(ctx, problems));
  printProblems(ctx.stderr, problems);

  // The same assessment twice ("X and X are level") compares nothing: leave the copies out, and say so.
  const distinct: Snapshot[] = [];
  for (const s of snapshots) {
    const same = distinct.find((d) => sameAssessment(d, s));
    if (same) ctx.stderr.write(`${s.file} is the same assessment as ${same.file} (same vendor, date and answers); it is left out.\n`);
    else distinct.push(s);
  }
  if (distinct.length < 2 && new Set(options.files.map((f) => path.resolve(ctx.cwd, f))).size === 1) throw new UsageError(`${options.files[0]} is given twice; compare needs two different assessments (other vendors, or one vendor at other dates)`);
  if (distinct.length < 2) throw new UsageError(`${options.files.join(' and ')} are the same assessment; compare needs two different ones (other vendors, or one vendor at other dates)`);
  snapshots.splice(0, snapshots.length, ...distinct);
  const mode = modeOf(snapshots);
  const omitted = options.notes ? {} : { notes_omitted: true as const };
  const result = mode === 'timeline' ? { mode, ...timeline(snapshots), ...omitted } : { mode, ...vendorMatrix(snapshots), ...omitted };
  if (options.json) {
    ctx.stdout.write(`${safeJson({ format: 'outsource-check/comparison@1', ...result })}\n`);
    return;
  }
  const date = localDate(ctx.now());
  let text: string;
  if (options.format === 'html' || options.format === 'pdf') {
    const { renderHtmlMatrix, renderHtmlTimeline } = await import('../../report/html-compare.js');
    const page = options.format === 'pdf' ? { paper: options.paper ?? 'a4' } : {};
    text = result.mode === 'timeline' ? renderHtmlTimeline(result, page) : renderHtmlMatrix(result, date, page);
  } else text = result.mode === 'timeline' ? renderTimeline(result) : renderMatrix(result, date);
  printOrWrite(ctx, text, options.out, options.force, options);
}
