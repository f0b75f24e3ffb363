import path from 'node:path';
import { existsSync } from 'node:fs';
import { InterruptedError, OutputError, UsageError } from '../../errors.js';
import { ANSWERS_FORMAT, type AnswersFile } from '../../assessment/answers-schema.js';
import { answerMap, chosenPlaybooks, withScope } from '../../assessment/answers.js';
import { applicableEntries, entriesOf, scopeOf } from '../../assessment/applicability.js';
import { assess, type Assessment } from '../../assessment/score.js';
import { dueKeys, pendingRecheck } from '../../assessment/recheck-items.js';
import type { ItemKey, Playbook } from '../../playbook/schema.js';
import type { Registry } from '../../playbook/registry.js';
import { isFinished, listSessions, newSessionPath, prepareSessionsDir, saveSession, serializeSession } from '../../io/sessions.js';
import { inStateDir } from '../../io/state.js';
import type { CheckFlags } from '../program.js';
import { readAnswers, renderAll, reportFromFile, type ReportCommandOptions } from '../assessment.js';
import { canPrompt, colorEnabled, privacyOf, type CommandContext, type GlobalOptions } from '../context.js';
import { emitReport, reportTargets, slug } from '../output.js';
import { displayPath, requireRegistry } from '../registry.js';
import { summaryLines } from '../summary.js';
import { shellQuote } from '../../terminal/shell.js';
import { promptText } from '../../terminal/wrap.js';
import { shareable } from '../../report/notes.js';

export type CheckOptions = GlobalOptions & ReportCommandOptions & CheckFlags;

declare const __VERSION__: string;

export async function checkCommand(ctx: CommandContext, options: CheckOptions): Promise<void> {
  const registry = requireRegistry(ctx, options);
  if (options.answers) {
    if (options.resume || options.recheck) throw new UsageError('--answers reads a finished file; it does not go with --resume or --recheck');
    reportFromFile(ctx, registry, options.answers, options);
    return;
  }
  if (!canPrompt(ctx, options)) {
    throw new UsageError(
      [
        `no answers to read: ${options.input ? 'this is not an interactive terminal' : '--no-input was given'}.`,
        'Write an answers file and pass it in:',
        '  outsource-check template --type freelancer > answers.yaml',
        '  outsource-check check --answers answers.yaml',
        ...(options.resume ? ['A saved session renders without questions with: outsource-check report FILE'] : []),
      ].join('\n'),
    );
  }
  await interactiveCheck(ctx, options, registry);
}

function selectPlaybooks(registry: Registry, session: AnswersFile): Playbook[] {
  return chosenPlaybooks(
    registry.playbooks.map((p) => p.playbook),
    session,
  );
}

function versions(playbooks: readonly Playbook[]): Record<string, string> {
  return Object.fromEntries(playbooks.map((p) => [p.id, p.version]));
}

/**
 * Saves progress; when the disk refuses (full, read-only, gone), the answers
 * in memory are printed so that none is lost, and the message says how to go
 * on. The file on disk still holds everything up to the previous answer,
 * because it is only ever replaced whole.
 */
export function saveOrExplain(ctx: CommandContext, file: string, session: AnswersFile): void {
  try {
    saveSession(file, session, ctx.env, privacyOf(ctx));
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    ctx.stderr.write(`\nYour answers could not be saved (${error.reason}). Here they are in full; keep them in a file:\n\n${serializeSession(session, file)}\n`);
    throw new OutputError(
      file,
      `${error.reason}.\nEverything up to the previous answer is in that file; the full answers are printed above.\nMake room (or save them elsewhere), then resume with:\n  outsource-check check --resume ${shellQuote(file)}`,
      { cause: error },
    );
  }
}

type InterviewModule = typeof import('../../ui/interview.js');
type Deps = Parameters<InterviewModule['runInterview']>[0];

interface Opened {
  session: AnswersFile;
  file: string;
  /** For a re-check: the only items to ask. */
  only: Set<ItemKey> | null;
}

async function interactiveCheck(ctx: CommandContext, options: CheckOptions, registry: Registry): Promise<void> {
  const color = colorEnabled(ctx, options);
  const width = (process.stderr as { columns?: number }).columns ?? 80;
  // A sessions folder another user owns fails here, before the first question, not at the first save.
  if (!options.resume || inStateDir(ctx.env, path.resolve(ctx.cwd, options.resume))) prepareSessionsDir(ctx.env, privacyOf(ctx));
  const [{ terminalAsker }, ui, { makeStyle }] = await Promise.all([import('../../ui/prompts.js'), import('../../ui/interview.js'), import('../../terminal/style.js')]);
  const style = makeStyle(color);
  const asker = terminalAsker({ color, output: ctx.stderr });
  const print = (line: string) => ctx.stderr.write(`${line}\n`);
  let sessionFile = '';
  const deps = (): Deps => ({ asker, print, style, width, now: ctx.now, save: (s: AnswersFile) => saveOrExplain(ctx, sessionFile, s), sessionFile });

  let opened: Opened | null;
  try {
    opened = await openSession(ctx, options, registry, deps, ui);
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError('Interrupted before the first question; nothing needed saving.', { cause: error });
    throw error;
  }
  if (!opened) return;
  sessionFile = opened.file;
  saveOrExplain(ctx, sessionFile, opened.session);
  print(style.dim(`Progress is saved after every answer in ${sessionFile}`));

  const playbooks = selectPlaybooks(registry, opened.session);
  const finished = await ui.runInterview(deps(), opened.session, playbooks, opened.only);
  const assessment = shareable(
    assess({
      playbooks,
      engagement: finished.engagement,
      answers: answerMap(finished),
      now: ctx.now(),
      stage: finished.stage,
      quick: finished.quick,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    }),
    options.notes,
  );

  let force: boolean;
  try {
    force = options.force || (await confirmOverwrite(ctx, options, assessment, sessionFile, asker.confirm));
  } catch (error) {
    // The interview is over and saved as finished, so resuming would only show the review; say how to get the report.
    if (error instanceof InterruptedError) {
      throw new InterruptedError(`Interrupted. Every answer is saved in ${sessionFile}\nWrite the report with:\n  outsource-check report ${shellQuote(sessionFile)} --out OTHER.md`, { cause: error });
    }
    throw error;
  }
  const written = emitReport(ctx, assessment, renderAll(assessment, options.chart), { ...options, force, json: false, quiet: true });
  for (const line of summaryLines(assessment, style, width)) print(line);
  print('');
  if (written.length > 0) print(`Report: ${displayPath(ctx, written[0] ?? '')}${written[1] ? `\nChecklist: ${displayPath(ctx, written[1])}` : ''}`);
  print(style.dim(`Answers: ${sessionFile}`));
  if (options.json) ctx.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
}

/** Decides which session the interview works on: a resumed one, a re-check of an old one, or a new one. Null: nothing to do. */
async function openSession(ctx: CommandContext, options: CheckOptions, registry: Registry, deps: () => Deps, ui: InterviewModule): Promise<Opened | null> {
  const { print, style, asker, width } = deps();
  if (options.resume) {
    const file = path.resolve(ctx.cwd, options.resume);
    const session = withScope(readAnswers(ctx, file).answers, options);
    print(style.dim(`Resuming ${displayPath(ctx, file)}: ${Object.keys(session.answers ?? {}).length} answers so far.`));
    return { session, file, only: pendingRecheck(session) };
  }
  if (options.recheck) {
    const loaded = withScope(readAnswers(ctx, path.resolve(ctx.cwd, options.recheck)).answers, options);
    const playbooks = selectPlaybooks(registry, loaded);
    const now = ctx.now();
    const only = dueKeys(playbooks, loaded, now);
    if (only.size === 0) {
      print('Nothing is due for a re-check: every answer is current and every question is answered.');
      return null;
    }
    const meta = { ...loaded.meta, started: now.toISOString(), updated: now.toISOString(), playbook_versions: versions(playbooks), recheck: [...only] };
    delete meta.finished;
    print(`Re-checking ${only.size} item${only.size === 1 ? '' : 's'} for ${loaded.engagement.vendor}; the other answers are kept.`);
    return { session: { ...loaded, meta }, file: newSessionPath(ctx.env, slug(loaded.engagement.vendor), now), only };
  }

  print(style.bold('outsource-check: are you ready to hire?'));
  print(style.dim('Arrow keys or numbers, then Enter. Ctrl-C stops; every answer is saved.'));
  const vendor = options.vendor ?? (await ui.askVendor(deps()));
  const stage = options.stage ?? 'signing';
  const sessions = listSessions(ctx.env, privacyOf(ctx));
  const unfinished = options.restart
    ? undefined
    : sessions.find((s) => !isFinished(s.session) && slug(s.session.engagement.vendor) === slug(vendor) && (s.session.stage ?? 'signing') === stage);
  if (unfinished) {
    const count = Object.values(unfinished.session.answers ?? {}).filter((a) => a !== null).length;
    const updated = unfinished.session.meta?.updated;
    // A minute is precise enough to recognise the session; the stored value may carry any offset, so it is shown in UTC.
    const saved = updated ? `${new Date(updated).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'earlier';
    const choice = await asker.select<'resume' | 'restart'>(promptText(`You have an unfinished check for ${unfinished.session.engagement.vendor} (${count} answer${count === 1 ? '' : 's'}, last saved ${saved}).`, Math.min(width, 80)), [
      { value: 'resume', name: 'Resume it' },
      { value: 'restart', name: 'Start over (the old session is kept)' },
    ]);
    if (choice === 'resume') return { session: unfinished.session, file: unfinished.file, only: pendingRecheck(unfinished.session) };
  }
  // Most founders hire from one place: the last session's regions are offered as the defaults.
  const last = sessions[0]?.session.engagement;
  const remembered = { ...(last?.client_region ? { client_region: last.client_region } : {}), ...(last?.vendor_region ? { vendor_region: last.vendor_region } : {}) };
  const engagement = await ui.askEngagement(
    deps(),
    {
      vendor,
      ...(options.type ? { type: options.type } : {}),
      ...(options.clientRegion ? { client_region: options.clientRegion } : {}),
      ...(options.vendorRegion ? { vendor_region: options.vendorRegion } : {}),
    },
    remembered,
  );
  const session = await newSession(ctx, registry, { engagement, stage, quick: options.quick === true }, deps, ui.askPlaybooks);
  return { session, file: newSessionPath(ctx.env, slug(engagement.vendor), ctx.now()), only: null };
}

async function newSession(
  ctx: CommandContext,
  registry: Registry,
  check: Pick<AnswersFile, 'engagement' | 'stage' | 'quick'>,
  deps: () => Deps,
  askPlaybooks: InterviewModule['askPlaybooks'],
): Promise<AnswersFile> {
  const { engagement } = check;
  const scope = scopeOf(check);
  const all = registry.playbooks.map((p) => p.playbook);
  const fitting = all.filter((p) => applicableEntries(entriesOf([p]), scope, new Map()).length > 0);
  const chosen = fitting.length > 1 ? await askPlaybooks(deps(), fitting, scope) : fitting;
  const now = ctx.now().toISOString();
  return {
    format: ANSWERS_FORMAT,
    engagement,
    ...(scope.stage === 'onboarding' ? { stage: scope.stage } : {}),
    ...(scope.quick ? { quick: true } : {}),
    ...(chosen.length < all.length ? { playbooks: chosen.map((p) => p.id) } : {}),
    answers: {},
    meta: { started: now, updated: now, playbook_versions: versions(chosen), tool: `outsource-check ${__VERSION__}` },
  };
}

/** In a terminal an existing report is a question, not an error; the answer is never lost either way. */
async function confirmOverwrite(ctx: CommandContext, options: CheckOptions, assessment: Assessment, sessionFile: string, confirm: (message: string, def: boolean) => Promise<boolean>): Promise<boolean> {
  // The interview always writes its files (--json only adds the result on stdout), so --json does not skip the question.
  const targets = reportTargets(ctx, assessment, options);
  if (!targets) return false;
  const existing = [targets.report, targets.checklist].filter((t): t is string => t !== null && existsSync(t));
  if (existing.length === 0) return false;
  const ok = await confirm(`${existing.map((f) => displayPath(ctx, f)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}. Overwrite?`, false);
  if (!ok) throw new OutputError(existing[0] ?? targets.report, `already exists. Your answers are saved; write the report elsewhere with:\n  outsource-check report ${shellQuote(sessionFile)} --out OTHER.md`);
  return true;
}
