import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { InputError, InterruptedError, OutputError } from '../../errors.js';
import { selectForAnswers, unmatchedAnswers } from '../../assessment/load-answers.js';
import { describeFsError } from '../../source/read.js';
import type { AnswersFile } from '../../assessment/answers-schema.js';
import { ANSWERS_FORMAT, answerMap, chosenPlaybooks, withScope } from '../../assessment/answers.js';
import { applicableEntries, entriesOf, scopeOf } from '../../assessment/applicability.js';
import { assess, type Assessment } from '../../assessment/score.js';
import { dueKeys, pendingRecheck } from '../../assessment/recheck-items.js';
import type { ItemKey, Playbook } from '../../playbook/schema.js';
import type { Registry } from '../../playbook/registry.js';
import { outputTarget } from '../../io/atomic.js';
import { sameVendor } from '../../assessment/vendor.js';
import { createSession, isFinished, listSessions, prepareSessionsDir, saveSession, serializeSession, type SavedSession } from '../../io/sessions.js';
import { lockSession, type SessionLock } from '../../io/lock.js';
import { inStateDir } from '../../io/state.js';
import { printWarnings, readAnswers, renderOutputs } from '../assessment.js';
import { colorEnabled, commandName, privacyOf, type CommandContext } from '../context.js';
import { emitReport, reportTargets, slug } from '../output.js';
import { displayPath } from '../registry.js';
import { summaryLines } from '../summary.js';
import { nextSteps, verdictLine } from '../ending.js';
import { warnSkipped } from '../session-summary.js';
import { shellQuote } from '../../terminal/shell.js';
import { promptText } from '../../terminal/wrap.js';
import { safeJson, terminalText } from '../../terminal/safe.js';
import { shareable } from '../../report/notes.js';

import type { CheckOptions } from './check.js';

declare const __VERSION__: string;

/**
 * The interactive check: sessions, their locks, the interview and the
 * prompts. Loaded by `check` only when it asks questions, so a check from an
 * answers file loads none of it.
 */

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
      `${error.reason}.\nEverything up to the previous answer is in that file; the full answers are printed above.\nMake room (or save them elsewhere), then resume with:\n  ${commandName(ctx)} check --resume ${shellQuote(file)}`,
      { cause: error },
    );
  }
}

/**
 * Opens a saved session against today's playbooks. A playbook the session was
 * started with that is no longer loaded stops here (exit 66): finishing would
 * write a report without its questions, or an empty one. A playbook whose
 * version moved is warned about, and the new version is recorded when the
 * session is next saved. Answers to items that are gone stay in the file and
 * are listed in the report, as `report` does.
 */
export function reopenSession(ctx: CommandContext, registry: Registry, file: string): AnswersFile {
  const parsed = readAnswers(ctx, file);
  const session = parsed.answers;
  const all = registry.playbooks.map((p) => p.playbook);
  const loaded = new Set(all.map((p) => p.id));
  const used = session.playbooks ?? Object.keys(session.meta?.playbook_versions ?? {});
  const missing = used.filter((id) => !loaded.has(id));
  if (missing.length > 0) {
    const names = missing.map((id) => `\`${id}\``).join(', ');
    throw new InputError(
      displayPath(ctx, file),
      `this session uses the playbook${missing.length === 1 ? '' : 's'} ${names}, which ${missing.length === 1 ? 'is' : 'are'} not loaded now.\n` +
        'Load it again with --playbooks DIR (or OUTSOURCE_CHECK_PLAYBOOKS) and resume; the session was left as it was.',
    );
  }
  const selection = selectForAnswers(parsed, all);
  printWarnings(ctx, selection.problems);
  return { ...session, meta: { ...session.meta, playbook_versions: { ...session.meta?.playbook_versions, ...versions(selection.playbooks) } } };
}

type InterviewModule = typeof import('../../ui/interview.js');
type Deps = Parameters<InterviewModule['runInterview']>[0];

interface Opened {
  session: AnswersFile;
  /** Null for a new session: its file is created (exclusively) at the first save. */
  file: string | null;
  /** Held on a resumed session while the interview has it open. */
  lock: SessionLock | null;
  /** For a re-check: the only items to ask. */
  only: Set<ItemKey> | null;
}

/**
 * SIGTERM (a closing IDE, `kill`) and SIGHUP (a closed terminal window) end
 * the interview as Ctrl-C does: the prompt on screen is closed, the cursor
 * shown again, and the message says where the answers are. Without a handler
 * of ours, the prompt library's exit hook re-raises the signal and the
 * process dies before it can say anything.
 */
async function withSignalsAsInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => abort.abort(new Error(`received ${signal}`));
  const signals: NodeJS.Signals[] = process.platform === 'win32' ? [] : ['SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  try {
    return await run(abort.signal);
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}

export async function interactiveCheck(ctx: CommandContext, options: CheckOptions, registry: Registry): Promise<void> {
  await withSignalsAsInterrupt((signal) => interactiveRun(ctx, options, registry, signal));
}

async function interactiveRun(ctx: CommandContext, options: CheckOptions, registry: Registry, signal: AbortSignal): Promise<void> {
  const color = colorEnabled(ctx, options);
  const width = (process.stderr as { columns?: number }).columns ?? 80;
  // A sessions folder another user owns fails here, before the first question, not at the first save.
  if (!options.resume || inStateDir(ctx.env, path.resolve(ctx.cwd, options.resume))) prepareSessionsDir(ctx.env, privacyOf(ctx));
  const [{ terminalAsker }, ui, { makeStyle }] = await Promise.all([import('../../ui/prompts.js'), import('../../ui/interview.js'), import('../../terminal/style.js')]);
  const style = makeStyle(color);
  const asker = ctx.asker ?? terminalAsker({ color, output: ctx.stderr, width, signal });
  // Every line the interview shows passes here: file text in it reaches the terminal escaped.
  const print = (line: string) => ctx.stderr.write(`${terminalText(line)}\n`);
  let sessionFile = '';
  let lock: SessionLock | null = null;
  const save = (s: AnswersFile) => {
    saveOrExplain(ctx, sessionFile, s);
    lock?.refresh();
  };
  const deps = (): Deps => ({ asker, print, style, width, now: ctx.now, save, sessionFile, command: commandName(ctx) });

  let opened: Opened | null;
  try {
    opened = await openSession(ctx, options, registry, deps, ui);
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError('Interrupted before the first question; nothing needed saving.', { cause: error });
    throw error;
  }
  if (!opened) return;
  lock = opened.lock;
  try {
    if (opened.file === null) ({ file: sessionFile, lock } = createSession(ctx.env, slug(opened.session.engagement.vendor), ctx.now(), opened.session, privacyOf(ctx)));
    else {
      sessionFile = opened.file;
      saveOrExplain(ctx, sessionFile, opened.session);
    }
    await finishInterview(ctx, options, registry, opened, { asker, print, style, width, sessionFile, deps });
  } finally {
    lock?.release();
  }
}

/** The interview on an open session, then the report. */
async function finishInterview(
  ctx: CommandContext,
  options: CheckOptions,
  registry: Registry,
  opened: Opened,
  { asker, print, style, width, sessionFile, deps }: Pick<Deps, 'asker' | 'print' | 'style' | 'width' | 'sessionFile'> & { deps: () => Deps },
): Promise<void> {
  const ui = await import('../../ui/interview.js');
  // The path on a line of its own: a path broken at the terminal's edge cannot be copied.
  print(style.dim(`Progress is saved after every answer in:\n  ${sessionFile}`));

  const playbooks = selectPlaybooks(registry, opened.session);
  // A session with no questions left to it would finish into an empty report.
  if (playbooks.length === 0) throw new InputError(displayPath(ctx, sessionFile), 'none of the playbooks of this session is loaded; load them with --playbooks DIR and resume');
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
      unknownAnswers: unmatchedAnswers(finished, registry.playbooks.map((p) => p.playbook)),
    }),
    options.notes,
  );

  let force: boolean;
  try {
    force = options.force || (await confirmOverwrite(ctx, options, assessment, sessionFile, asker.confirm));
  } catch (error) {
    // The interview is over and saved as finished, so resuming would only show the review; say how to get the report.
    if (error instanceof InterruptedError) {
      throw new InterruptedError(`Interrupted. Every answer is saved in ${sessionFile}\nWrite the report with:\n  ${commandName(ctx)} report ${shellQuote(sessionFile)} ${otherOut(options)}`, { cause: error });
    }
    throw error;
  }
  const written = emitReport(ctx, assessment, await renderOutputs(assessment, options), { ...options, force, json: false, quiet: true });
  for (const line of summaryLines(assessment, style, width)) print(line);
  print('');
  // Absolute paths: the person may open them from another folder, or click them in the terminal.
  const files = { ...(written[0] ? { report: written[0] } : {}), ...(written[1] ? { checklist: written[1] } : {}), session: sessionFile };
  for (const line of nextSteps(assessment, files, commandName(ctx), width)) print(line);
  if (options.json) ctx.stdout.write(`${safeJson(assessment)}\n`);
}

/** Decides which session the interview works on: a resumed one, a re-check of an old one, or a new one. Null: nothing to do. */
async function openSession(ctx: CommandContext, options: CheckOptions, registry: Registry, deps: () => Deps, ui: InterviewModule): Promise<Opened | null> {
  const { print, style, asker, width } = deps();
  if (options.resume) {
    const file = path.resolve(ctx.cwd, options.resume);
    requireRegularFile(ctx, file);
    const lock = lockSession(file, displayPath(ctx, file));
    const session = withScope(readLocked(ctx, registry, file, lock), options);
    print(style.dim(`Resuming ${displayPath(ctx, file)}: ${Object.keys(session.answers ?? {}).length} answers so far.`));
    return { session, file, lock, only: pendingRecheck(session) };
  }
  if (options.recheck) return recheckOf(ctx, registry, withScope(reopenSession(ctx, registry, path.resolve(ctx.cwd, options.recheck)), options), print);

  print(style.bold('outsource-check: are you ready to hire?'));
  print(style.dim('Keys: y p n a s answer; arrows or numbers, then Enter; Esc or ← goes back.\nCtrl-C stops; every answer is saved.'));
  const vendor = options.vendor?.trim() ?? (await ui.askVendor(deps()));
  const stage = options.stage ?? 'signing';
  const sessions = listSessions(ctx.env, privacyOf(ctx), warnSkipped(ctx));
  const unfinished = options.restart
    ? undefined
    : sessions.find((s) => !isFinished(s.session) && sameVendor(s.session.engagement.vendor, vendor) && (s.session.stage ?? 'signing') === stage);
  if (unfinished) {
    const count = Object.values(unfinished.session.answers ?? {}).filter((a) => a !== null).length;
    const updated = unfinished.session.meta?.updated;
    // A minute is precise enough to recognise the session; the stored value may carry any offset, so it is shown in UTC.
    const saved = updated ? `${new Date(updated).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'earlier';
    const choice = await asker.select<'resume' | 'restart'>(promptText(`You have an unfinished check for ${unfinished.session.engagement.vendor} (${count} answer${count === 1 ? '' : 's'}, last saved ${saved}).`, Math.min(width, 80)), [
      { value: 'resume', name: 'Resume it' },
      { value: 'restart', name: 'Start over (the old session is kept)' },
    ]);
    if (choice === 'resume') {
      const lock = lockSession(unfinished.file);
      // Read again under the lock: the listing is from before the question, and another terminal may have saved since.
      const session = readLocked(ctx, registry, unfinished.file, lock);
      return { session, file: unfinished.file, lock, only: pendingRecheck(session) };
    }
  } else if (!options.restart) {
    const finished = sessions.find((s) => isFinished(s.session) && sameVendor(s.session.engagement.vendor, vendor) && (s.session.stage ?? 'signing') === stage);
    if (finished) return comeBack(ctx, registry, finished, deps);
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
  return { session, file: null, lock: null, only: null };
}

/** The session as it is on disk now that the lock is held; the lock is let go if it cannot be read. */
function readLocked(ctx: CommandContext, registry: Registry, file: string, lock: SessionLock): AnswersFile {
  try {
    return reopenSession(ctx, registry, file);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A session is written back after every answer, so it must be a file: a FIFO would also block the read forever. */
function requireRegularFile(ctx: CommandContext, file: string): void {
  let regular: boolean;
  try {
    regular = statSync(file).isFile();
  } catch (error) {
    throw new InputError(displayPath(ctx, file), describeFsError(error), { cause: error });
  }
  if (!regular) throw new InputError(displayPath(ctx, file), 'is not a regular file; a session is read and saved back as a file');
}

/** A re-check of a finished session: a new session that asks only what fell due (and anything never answered). */
function recheckOf(ctx: CommandContext, registry: Registry, loaded: AnswersFile, print: (line: string) => void): Opened | null {
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
  return { session: { ...loaded, meta }, file: null, lock: null, only };
}

/**
 * Back for a vendor whose last check is finished: what people want then is
 * the last result, a re-check of what fell due, or a new check that starts
 * from the last answers (each offered as the default, confirmed with Enter).
 */
async function comeBack(ctx: CommandContext, registry: Registry, last: SavedSession, deps: () => Deps): Promise<Opened | null> {
  const { print, style, asker, width } = deps();
  const previous = last.session;
  const playbooks = selectPlaybooks(registry, previous);
  const now = ctx.now();
  const result = assess({ playbooks, engagement: previous.engagement, answers: answerMap(previous), now, stage: previous.stage, quick: previous.quick });
  const due = dueKeys(playbooks, previous, now).size;
  const when = (previous.meta?.finished ?? '').slice(0, 10);
  const choice = await asker.select<'last' | 'recheck' | 'new'>(
    promptText(`You checked ${previous.engagement.vendor} on ${when}: ${verdictLine(result)}.`, Math.min(width, 80)),
    [
      { value: 'last', name: 'See the last result' },
      ...(due > 0 ? [{ value: 'recheck' as const, name: `Re-check what is due (${due} question${due === 1 ? '' : 's'})` }] : []),
      { value: 'new', name: 'Start a new check, with your last answers as defaults' },
    ],
  );
  if (choice === 'last') {
    for (const line of summaryLines(result, style, width)) print(line);
    print('');
    for (const line of nextSteps(result, { session: last.file }, commandName(ctx), width)) print(line);
    print(`The report again: ${commandName(ctx)} report ${shellQuote(last.file)}`);
    return null;
  }
  if (choice === 'recheck') return recheckOf(ctx, registry, previous, print);
  // Every question of the chosen playbooks is asked again, the last answer (and note) as its default; the re-check
  // machinery does exactly that, and resumes the same way after Ctrl-C.
  const all = entriesOf(playbooks).map((e) => e.key);
  const stamp = now.toISOString();
  const session: AnswersFile = {
    ...previous,
    meta: { started: stamp, updated: stamp, playbook_versions: versions(playbooks), recheck: all, tool: `outsource-check ${__VERSION__}` },
  };
  print(`A new check for ${previous.engagement.vendor}: each question shows your last answer; Enter keeps it.`);
  return { session, file: null, lock: null, only: new Set(all) };
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

/** The flags of the command that writes the report elsewhere, in the format asked for. */
function otherOut(options: Pick<CheckOptions, 'format'>): string {
  return options.format === 'html' || options.format === 'pdf' ? `--format ${options.format} --out OTHER.${options.format}` : '--out OTHER.md';
}

/** In a terminal an existing report is a question, not an error; the answer is never lost either way. */
async function confirmOverwrite(ctx: CommandContext, options: CheckOptions, assessment: Assessment, sessionFile: string, confirm: (message: string, def: boolean) => Promise<boolean>): Promise<boolean> {
  // The interview always writes its files (--json only adds the result on stdout), so --json does not skip the question.
  const targets = reportTargets(ctx, assessment, options);
  if (!targets) return false;
  // A device or pipe (`--out /dev/null`) is written into, not replaced: nothing to ask.
  const existing = [targets.report, targets.checklist].filter((t): t is string => t !== null && existsSync(t) && outputTarget(t).kind === 'file');
  if (existing.length === 0) return false;
  const ok = await confirm(`${existing.map((f) => displayPath(ctx, f)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}. Overwrite?`, false);
  if (!ok) throw new OutputError(existing[0] ?? targets.report, `already exists. Your answers are saved; write the report elsewhere with:\n  ${commandName(ctx)} report ${shellQuote(sessionFile)} ${otherOut(options)}`);
  return true;
}
