import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { OutputError, SessionLockedError } from '../errors.js';
import { describeFsError } from '../source/read.js';
import { processAlive } from './atomic.js';
import { shellQuote } from '../terminal/shell.js';

/**
 * A session file is open in one interview at a time: each saves the whole
 * file after every answer, so two would overwrite each other's answers. The
 * lock is a file beside the session, created exclusively, naming the process
 * that holds it. A crashed process cannot keep it: on the same machine a lock
 * whose process is gone is taken over; from another machine (a shared
 * folder), one not refreshed for a day is. A hand-rolled lock rather than
 * proper-lockfile: that one judges staleness by a timer-refreshed mtime alone,
 * which a paused terminal would lose, and it cannot tell a live process from
 * a dead one.
 */
export interface SessionLock {
  readonly file: string;
  /** Marks the lock as in use (called on every save), so another machine does not take it as stale. */
  refresh(): void;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Another machine's lock is taken over only after this long without a save. */
const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;
/** A lock file still empty or half-written after this long was left by a process that died creating it. */
const UNREADABLE_STALE_MS = 10 * 1000;

export function lockFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.lock`);
}

function readHolder(lock: string): Holder | null {
  try {
    const value = JSON.parse(readFileSync(lock, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string' ? (value as Holder) : null;
  } catch {
    return null;
  }
}

function isStale(lock: string, holder: Holder | null, now: number): boolean {
  let age: number;
  try {
    age = now - statSync(lock).mtimeMs;
  } catch {
    return true; // gone already
  }
  if (!holder) return age > UNREADABLE_STALE_MS;
  if (holder.host === hostname()) return !processAlive(holder.pid);
  return age > FOREIGN_STALE_MS;
}

/** Takes the lock, or returns who holds it. */
export function tryLock(file: string, now: () => Date = () => new Date()): { lock: SessionLock } | { heldBy: Holder | null } {
  const lock = lockFileOf(file);
  const mine: Holder = { pid: process.pid, host: hostname(), since: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new OutputError(lock, `cannot lock the session: ${describeFsError(error)}`, { cause: error });
      const holder = readHolder(lock);
      if (!isStale(lock, holder, now().getTime())) return { heldBy: holder };
      // Two processes breaking the same stale lock at once could both win; that takes a crash and two starts within microseconds.
      try {
        unlinkSync(lock);
      } catch {
        // someone else removed it; try again
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    return { lock: held(file, lock, mine) };
  }
  return { heldBy: readHolder(lock) };
}

function held(file: string, lock: string, mine: Holder): SessionLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own: if the lock was broken and taken over meanwhile, it is someone else's now.
    const holder = readHolder(lock);
    if (holder && holder.pid === mine.pid && holder.host === mine.host && holder.since === mine.since) {
      try {
        unlinkSync(lock);
      } catch {
        // gone already
      }
    }
  };
  // However the process ends short of a crash (an error, Ctrl-C, SIGTERM handled as Ctrl-C), the lock goes with it.
  process.on('exit', release);
  return {
    file,
    refresh() {
      try {
        const t = new Date();
        utimesSync(lock, t, t);
      } catch {
        // best effort: only another machine's judgement of staleness depends on it
      }
    },
    release,
  };
}

/** Takes the lock on an existing session, or fails with exit 75 saying who has it open. */
export function lockSession(file: string, shown: string = file): SessionLock {
  const result = tryLock(file);
  if ('lock' in result) return result.lock;
  const holder = result.heldBy;
  const who = holder ? `outsource-check (process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since.slice(0, 16).replace('T', ' ')} UTC)` : 'outsource-check';
  throw new SessionLockedError(
    [
      `${shown} is open in another ${who}; two interviews on one session would overwrite each other's answers.`,
      'Finish or stop it there, then resume here. To read it meanwhile:',
      `  outsource-check report ${shellQuote(shown)} --out -`,
      ...(holder && holder.host !== hostname() ? [`If nothing runs there any more, remove ${shellQuote(lockFileOf(file))}.`] : []),
    ].join('\n'),
  );
}
