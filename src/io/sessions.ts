import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { yamlLib } from '../source/yaml-lib.js';
import { OutputError } from '../errors.js';
import type { AnswersFile } from '../assessment/answers-schema.js';
import { loadAnswersFile } from '../assessment/load-answers.js';
import { describeFsError } from '../source/read.js';
import { writeFileAtomic } from './atomic.js';
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
 * A new session file name: the vendor, then the start time, so names sort by
 * age within a vendor. A second session started within the same second (Start
 * over, --restart, a re-check of a session just saved) gets a numbered name,
 * so it never overwrites the one it was meant to keep.
 */
export function newSessionPath(env: NodeJS.ProcessEnv, vendorSlug: string, started: Date): string {
  const base = path.join(sessionsDir(env), `${vendorSlug}-${stamp(started)}`);
  let file = `${base}.yaml`;
  for (let n = 2; existsSync(file); n += 1) file = `${base}-${n}.yaml`;
  return file;
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

/**
 * Every readable session in the state folder, newest first; unreadable files
 * are skipped, not fatal. A sessions folder another user owns is refused (exit 66).
 */
export function listSessions(env: NodeJS.ProcessEnv, privacy: PrivacyOptions): SavedSession[] {
  const dir = stateSubfolder(env, 'sessions', 'read', privacy);
  if (dir === null) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
  } catch {
    return [];
  }
  const sessions: SavedSession[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const { parsed } = loadAnswersFile(file);
      if (parsed) sessions.push({ file, session: parsed.answers });
    } catch {
      // a file that vanished or cannot be read is not a session
    }
  }
  const time = (s: SavedSession) => s.session.meta?.updated ?? s.session.meta?.started ?? '';
  return sessions.sort((a, b) => time(b).localeCompare(time(a)) || b.file.localeCompare(a.file));
}

export function isFinished(session: AnswersFile): boolean {
  return session.meta?.finished !== undefined;
}
