import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { yamlLib } from '../source/yaml-lib.js';
import { OutputError } from '../errors.js';
import type { AnswersFile } from '../assessment/answers-schema.js';
import { loadAnswersFile } from '../assessment/load-answers.js';
import { describeFsError } from '../source/read.js';
import { removeStaleTemps, writeFileAtomic } from './atomic.js';
import { tryLock, type SessionLock } from './lock.js';
import { privateFolders, type PrivacyOptions } from './private.js';
import { inStateDir, sessionsDir, stateSubfolder } from './state.js';

export interface SavedSession {
  file: string;
  session: AnswersFile;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Creates a new session file, exclusively: the vendor, then the start time,
 * so names sort by age within a vendor. A name already taken (Start over,
 * --restart, a re-check of a session just saved, or another terminal that
 * started the same vendor in the same second) gets a number, so no session
 * is ever written over another. Returns the file, written (private, in the
 * state folder) and locked.
 */
export function createSession(env: NodeJS.ProcessEnv, vendorSlug: string, started: Date, session: AnswersFile, privacy: PrivacyOptions): { file: string; lock: SessionLock } {
  const base = path.join(prepareSessionsDir(env, privacy), `${vendorSlug}-${stamp(started)}`);
  for (let n = 1; ; n += 1) {
    const file = n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`;
    if (existsSync(file)) continue;
    // The lock first: another process creating the same name now holds it, or finds it held.
    const taken = tryLock(file);
    if (!('lock' in taken)) continue;
    try {
      writeFileAtomic(file, serializeSession(session, file), { overwrite: false, private: true });
      return { file, lock: taken.lock };
    } catch (error) {
      taken.lock.release();
      if (!(error instanceof OutputError) || !existsSync(file)) throw error;
    }
  }
}

export function serializeSession(session: AnswersFile, file: string): string {
  const header = `# outsource-check session. Resume with: outsource-check check --resume ${JSON.stringify(file)}\n`;
  return header + yamlLib().stringify(session, { lineWidth: 0 });
}

/**
 * Makes the sessions folder ready to save into (created 0700, tightened, or
 * refused with exit 73 if another user owns it), so an interview can fail
 * before its first question rather than at its first save.
 */
export function prepareSessionsDir(env: NodeJS.ProcessEnv, privacy: PrivacyOptions): string {
  return stateSubfolder(env, 'sessions', 'write', privacy) ?? sessionsDir(env);
}

/**
 * Saves after every answer, synchronously: when this returns the answer is
 * on disk, so Ctrl-C, a crash or a closed terminal cannot take it back. A
 * session in the state folder is private (0600 in a 0700 folder); one the
 * user keeps elsewhere (`--resume ./acme.yaml`) keeps the mode it has.
 */
export function saveSession(file: string, session: AnswersFile, env: NodeJS.ProcessEnv, privacy: PrivacyOptions): void {
  const dir = path.dirname(file);
  const private_ = inStateDir(env, file);
  if (private_) {
    if (dir === sessionsDir(env)) prepareSessionsDir(env, privacy);
    else privateFolders([dir], 'write', privacy);
  } else {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new OutputError(dir, `cannot create the folder for saved sessions: ${describeFsError(error)}`, { cause: error });
    }
  }
  writeFileAtomic(file, serializeSession(session, file), { overwrite: true, private: private_ });
}

/** A file in the sessions folder that is not listed, and why; callers warn about each in one line. */
export interface SkippedSession {
  file: string;
  reason: string;
}

/**
 * Every readable session in the state folder, newest first. What cannot be
 * one is skipped and reported through `onSkip`: a FIFO, device or folder
 * (never opened: a FIFO would wait for a writer forever), an unreadable or
 * damaged file. A sessions folder another user owns is refused (exit 66).
 */
export function listSessions(env: NodeJS.ProcessEnv, privacy: PrivacyOptions, onSkip: (skipped: SkippedSession) => void = () => {}): SavedSession[] {
  const dir = stateSubfolder(env, 'sessions', 'read', privacy);
  if (dir === null) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') && !n.startsWith('.'));
  } catch {
    return [];
  }
  removeStaleTemps(dir);
  const sessions: SavedSession[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    try {
      if (!statSync(file).isFile()) {
        onSkip({ file, reason: 'not a regular file' });
        continue;
      }
      const { parsed, problems } = loadAnswersFile(file);
      if (parsed) sessions.push({ file, session: parsed.answers });
      else {
        const first = problems[0];
        onSkip({ file, reason: first ? `damaged (${first.line}:${first.col}: ${first.message})` : 'damaged' });
      }
    } catch (error) {
      // Vanished since the listing: not a session any more, nothing to say.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as { file?: unknown; cause?: { code?: string } }).cause?.code === 'ENOENT') continue;
      onSkip({ file, reason: `cannot be read (${error instanceof Error ? error.message.replace(`${file}: `, '') : String(error)})` });
    }
  }
  const time = (s: SavedSession) => s.session.meta?.updated ?? s.session.meta?.started ?? '';
  return sessions.sort((a, b) => time(b).localeCompare(time(a)) || b.file.localeCompare(a.file));
}

export function isFinished(session: AnswersFile): boolean {
  return session.meta?.finished !== undefined;
}

/** A session's short name, as `sessions list` shows it and `sessions delete` takes it: the file name without `.yaml`. */
export function sessionName(file: string): string {
  return path.basename(file).replace(/\.yaml$/, '');
}

/** Removes one saved session file; a file already gone is not an error. */
export function deleteSession(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new OutputError(file, `cannot delete: ${describeFsError(error)}`, { cause: error });
  }
}
