import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { OutputError } from '../errors.js';
import { describeFsError } from '../source/read.js';
import { currentUid, openPrivateFile, requireOwnFile } from './private.js';

export interface WriteOptions {
  /** Replace an existing file (the user said --force, or it is our own session file). */
  overwrite: boolean;
  /**
   * A file of the state folder (a session, a cache entry): 0600 from the
   * temporary file on, and never over a file another user owns. Otherwise
   * (reports, checklists, a session the user keeps elsewhere) a new file gets
   * the usual mode and an overwritten one keeps its own.
   */
  private?: boolean;
}

/**
 * Writes a file so that readers see the old content or the new, never half of
 * either: the data goes to a temporary file beside the target, is flushed to
 * disk, then takes the target's name in one step. Without `overwrite` the step
 * is a hard link, which fails if the target appeared meanwhile, so an existing
 * file is never replaced by a race. A full disk fails before the rename and
 * leaves the old file as it was. (write-file-atomic has no such no-clobber mode.)
 */
export function writeFileAtomic(file: string, data: string, options: WriteOptions): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (options.private) requireOwnFile(file);
    const fd = options.private ? openPrivateFile(tmp) : openSync(tmp, 'wx', 0o666);
    try {
      if (!options.private && options.overwrite) keepMode(fd, file);
      const bytes = Buffer.from(data, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.overwrite) renameSync(tmp, file);
    else publishNew(tmp, file);
  } catch (error) {
    removeQuietly(tmp);
    if (error instanceof OutputError) throw error;
    const missingFolder = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OutputError(file, missingFolder ? `cannot write: the folder ${dir} does not exist` : `cannot write: ${describeFsError(error)}`, { cause: error });
  }
  syncDir(dir);
}

/**
 * Gives the temporary file the mode (and, for root, the owner) of the file it
 * will replace, so a report kept 0600 does not become readable by others
 * through --force. The set-id bits are not carried over.
 */
function keepMode(fd: number, file: string): void {
  let old;
  try {
    old = statSync(file);
  } catch {
    return; // nothing to replace: a new file
  }
  if (!old.isFile()) return;
  fchmodSync(fd, old.mode & 0o777);
  if (currentUid() === 0 && old.uid !== 0) {
    try {
      fchownSync(fd, old.uid, old.gid);
    } catch {
      // best effort: the mode alone already keeps the file as private as it was
    }
  }
}

function publishNew(tmp: string, file: string): void {
  try {
    linkSync(tmp, file);
    removeQuietly(tmp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputError(file, 'already exists; use --force to overwrite it', { cause: error });
    // Some file systems (FAT, some network mounts) have no hard links; fall back to check-then-rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      if (existsSync(file)) throw new OutputError(file, 'already exists; use --force to overwrite it');
      renameSync(tmp, file);
      return;
    }
    throw error;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
