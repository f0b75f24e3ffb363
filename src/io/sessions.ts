import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { yamlLib } from '../source/yaml-lib.js';
import { OutputError } from '../errors.js';
import type { AnswersFile } from '../assessment/answers-schema.js';
import { loadAnswersFile } from '../assessment/load-answers.js';
import { describeFsError } from '../source/read.js';
import { removeStaleTemps, writeFileAtomic } from './atomic.js';
import { sessionsDir } from './state.js';
import { tryLock, type SessionLock } from './lock.js';

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
 * is ever written over another. Returns the file, written and locked.
 */
export function createSession(env: NodeJS.ProcessEnv, vendorSlug: string, started: Date, session: AnswersFile): { file: string; lock: SessionLock } {
  const dir = sessionsDir(env);
  makeSessionsDir(dir);
  const base = path.join(dir, `${vendorSlug}-${stamp(started)}`);
  for (let n = 1; ; n += 1) {
    const file = n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`;
    if (existsSync(file)) continue;
    // The lock first: another process creating the same name now holds it, or finds it held.
    const taken = tryLock(file);
    if (!('lock' in taken)) continue;
    try {
      writeFileAtomic(file, serializeSession(session, file), { overwrite: false });
      return { file, lock: taken.lock };
    } catch (error) {
      taken.lock.release();
      if (!(error instanceof OutputError) || !existsSync(file)) throw error;
    }
  }
}

function makeSessionsDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new OutputError(dir, `cannot create the folder for saved sessions: ${describeFsError(error)}`, { cause: error });
  }
}

export function serializeSession(session: AnswersFile, file: string): string {
  const header = `# outsource-check session. Resume with: outsource-check check --resume ${JSON.stringify(file)}\n`;
  return header + yamlLib().stringify(session, { lineWidth: 0 });
}

/**
 * Saves after every answer, synchronously: when this returns the answer is
 * on disk, so Ctrl-C, a crash or a closed terminal cannot take it back.
 */
export function saveSession(file: string, session: AnswersFile): void {
  makeSessionsDir(path.dirname(file));
  writeFileAtomic(file, serializeSession(session, file), { overwrite: true });
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
 * damaged file.
 */
export function listSessions(env: NodeJS.ProcessEnv, onSkip: (skipped: SkippedSession) => void = () => {}): SavedSession[] {
  const dir = sessionsDir(env);
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
