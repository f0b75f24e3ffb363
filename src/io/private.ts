import { chmodSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError, OutputError } from '../errors.js';
import { describeFsError } from '../source/read.js';

/**
 * The rule for what the tool keeps in its state folder (sessions, locks,
 * caches, the temporary files of a save): answers and notes say what a founder
 * will pay and what they think of a vendor, so folders are 0700 and files 0600
 * whatever the umask, and a folder someone else owns is never written into.
 * Everything that creates a file there goes through `openPrivateFile`, and
 * every folder through `privateFolders`, so the rule is stated once.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface PrivacyOptions {
  /** Says, in one line, that a folder or files had to be tightened. */
  notice: (line: string) => void;
  /**
   * Whose the folders must be. Default: this process's user; null where modes
   * and owners mean little (Windows), so nothing is checked and nothing fails.
   */
  uid?: number | null;
}

/** What the caller is about to do in the folder: it decides how a folder someone else owns is refused. */
export type FolderUse =
  /** Save there: a folder someone else owns is exit 73; a missing one is created. */
  | 'write'
  /** Only read (history, due): a folder someone else owns is exit 66; a missing one stays missing. */
  | 'read'
  /** Keep a cache there: a folder someone else owns, or any trouble, skips the cache without a word. */
  | 'cache';

export function currentUid(platform: NodeJS.Platform = process.platform): number | null {
  // Root is checked by uid like anyone else: it ignores permission errors, so only the owner tells whose a folder is.
  return platform === 'win32' || typeof process.getuid !== 'function' ? null : process.getuid();
}

function uidOf(options: PrivacyOptions): number | null {
  return options.uid === undefined ? currentUid() : options.uid;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Folders already checked in this process: the check (and any tightening) happens on first use, not on every save. */
const checked = new Set<string>();

/**
 * Makes `dirs`, the tool's own folders (a parent before its child), ready for
 * `use`: created 0700 when missing (for a write), refused when another user
 * owns one, and tightened to 0700, with their files to 0600, when looser,
 * which one line of notice reports. Returns false when a folder is not there
 * to use (a read of a missing folder, a cache skipped).
 */
export function privateFolders(dirs: readonly string[], use: FolderUse, options: PrivacyOptions): boolean {
  const tightened: string[] = [];
  try {
    for (const dir of dirs) if (!prepare(dir, use, uidOf(options), tightened)) return false;
    return true;
  } catch (error) {
    if (use === 'cache') return false;
    throw error;
  } finally {
    if (tightened.length > 0) options.notice(`outsource-check: ${tightened.join('; ')}, so that only you can read your saved answers.`);
  }
}

function prepare(dir: string, use: FolderUse, uid: number | null, tightened: string[]): boolean {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refusal(dir, use, `cannot be read: ${describeFsError(error)}`, error);
    if (use === 'read') return false;
    createFolder(dir, uid, use);
    checked.add(dir);
    return true;
  }
  if (!stats.isDirectory()) throw refusal(dir, use, 'is not a folder');
  if (uid === null || checked.has(dir)) return true;
  if (stats.uid !== uid) {
    throw refusal(
      dir,
      use,
      `belongs to another user (uid ${stats.uid}), so outsource-check will not keep your answers there. Make it yours (chown -R) or set OUTSOURCE_CHECK_HOME to a folder of your own`,
    );
  }
  const done = tighten(dir, stats, uid, use);
  checked.add(dir);
  if (done) tightened.push(done);
  return true;
}

function createFolder(dir: string, uid: number | null, use: FolderUse): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // The umask may have taken bits from the mode given to mkdir (0o200 would leave it unwritable): set it exactly.
    if (uid !== null) chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (error) {
    throw refusal(dir, use, `cannot be created: ${describeFsError(error)}`, error);
  }
}

/** Tightens the folder and the regular files in it that are its user's; says what it did, or null if nothing needed it. */
function tighten(dir: string, stats: Stats, uid: number, use: FolderUse): string | null {
  const done: string[] = [];
  try {
    if ((stats.mode & 0o777) !== PRIVATE_DIR_MODE) {
      chmodSync(dir, PRIVATE_DIR_MODE);
      done.push(`made ${dir} 0700 (it was ${octal(stats.mode)})`);
    }
    let files = 0;
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const s = lstatSync(file);
      // Only the user's own regular files: a file of someone else's is refused when written, never chmod-ed.
      if (!s.isFile() || s.uid !== uid || (s.mode & 0o777) === PRIVATE_FILE_MODE) continue;
      chmodSync(file, PRIVATE_FILE_MODE);
      files += 1;
    }
    if (files > 0) done.push(`made ${files} file${files === 1 ? '' : 's'} in ${dir} 0600`);
  } catch (error) {
    // A read-only disk cannot be tightened; a read goes on (it changes nothing), a save must not.
    if (use === 'write') throw refusal(dir, use, `cannot be made private (0700): ${describeFsError(error)}`, error);
  }
  return done.length > 0 ? done.join('; ') : null;
}

function refusal(dir: string, use: FolderUse, reason: string, cause?: unknown): InputError | OutputError {
  return use === 'read' ? new InputError(dir, reason, { cause }) : new OutputError(dir, reason, { cause });
}

/**
 * Creates a file in the state folder (a session's temporary file, a lock, a
 * cache entry), 0600 from the moment it exists, whatever the umask. `flags`
 * as for fs.openSync; 'wx' fails if the file exists.
 */
export function openPrivateFile(file: string, flags: string = 'wx', uid: number | null = currentUid()): number {
  const fd = openSync(file, flags, PRIVATE_FILE_MODE);
  if (uid !== null) fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

/** Refuses to write over a file in the state folder that another user owns; a missing one is fine. */
export function requireOwnFile(file: string, uid: number | null = currentUid()): void {
  if (uid === null) return;
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch {
    return;
  }
  if (stats.uid !== uid) throw new OutputError(file, `belongs to another user (uid ${stats.uid}); outsource-check will not write into it`);
}
