import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, existsSync, type Stats } from 'node:fs';
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
 * Where a write goes. A regular file (new or existing) is written beside and
 * renamed into place; a device, FIFO or terminal (`/dev/null`, `/dev/stdout`,
 * a pipe) is written into, because renaming a file over it would destroy it.
 * A symbolic link is followed, never replaced.
 */
export type OutputTarget = { kind: 'file'; file: string; exists: boolean } | { kind: 'stream'; file: string };

/** /dev and /proc hold devices and views of processes: nothing is ever created or renamed there. */
function isSystemPath(file: string): boolean {
  return process.platform !== 'win32' && /^\/(dev|proc)(\/|$)/.test(file);
}

function statOrNull(stat: () => Stats): Stats | null {
  try {
    return stat();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Decides how `file` is written, without writing anything; a target that must not be written throws OutputError. */
export function outputTarget(file: string): OutputTarget {
  try {
    const link = statOrNull(() => lstatSync(file));
    if (link === null) {
      if (isSystemPath(file)) throw new OutputError(file, 'does not exist, and no file is created in /dev or /proc');
      return { kind: 'file', file, exists: false };
    }
    const target = link.isSymbolicLink() ? statOrNull(() => statSync(file)) : link;
    if (target === null) throw new OutputError(file, 'is a symbolic link to a file that does not exist; name the file itself');
    if (target.isDirectory()) throw new OutputError(file, 'is a folder, not a file');
    // `/dev/stdout` is a link to whatever stdout is, a regular file included: write into it as the shell opened it.
    if (target.isCharacterDevice() || target.isFIFO() || target.isSocket() || (isSystemPath(file) && target.isFile())) return { kind: 'stream', file };
    if (!target.isFile()) throw new OutputError(file, 'is not a regular file, a device or a pipe; refusing to write to it');
    return { kind: 'file', file: link.isSymbolicLink() ? realpathSync(file) : file, exists: true };
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(file, `cannot write: ${describeFsError(error)}`, { cause: error });
  }
}

/** A write whose data is ready (flushed beside the target) and is not yet visible under the target's name. */
export interface PreparedWrite {
  readonly target: OutputTarget;
  /** Makes the data visible under the target's name; the old file, if any, is kept aside until commit. */
  publish(): void;
  /** Puts things back as they were before publish (a new file is removed, a replaced one restored). */
  undo(): void;
  /** Drops what undo would need. */
  commit(): void;
  /** Removes the temporary file of a write that is not published. */
  discard(): void;
}

/**
 * Prepares a write so that readers see the old content or the new, never
 * half of either: the data goes to a temporary file beside the target and is
 * flushed to disk; publish() gives it the target's name in one step. Without
 * `overwrite` that step is a hard link, which fails if the target appeared
 * meanwhile, so an existing file is never replaced by a race. A full disk
 * fails here, before anything is published. (write-file-atomic has no such
 * no-clobber mode, and no way to publish two files as a pair.)
 */
export function prepareWrite(file: string, data: string, options: WriteOptions): PreparedWrite {
  const target = outputTarget(file);
  if (target.kind === 'stream') return streamWrite(target, data);
  if (target.exists && !options.overwrite) throw new OutputError(file, 'already exists; use --force to overwrite it');
  const real = target.file;
  const dir = path.dirname(real);
  removeStaleTemps(dir, path.basename(real));
  const tmp = tempName(real);
  try {
    if (options.private) requireOwnFile(real);
    const fd = options.private ? openPrivateFile(tmp) : openSync(tmp, 'wx', 0o666);
    try {
      if (!options.private && options.overwrite) keepMode(fd, real);
      const bytes = Buffer.from(data, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    removeQuietly(tmp);
    const missingFolder = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OutputError(file, missingFolder ? `cannot write: the folder ${dir} does not exist` : `cannot write: ${describeFsError(error)}`, { cause: error });
  }
  let created = false;
  let backup: string | null = null;
  return {
    target,
    publish() {
      try {
        if (options.overwrite) {
          // A second name for the old file, so undo() can bring it back; rename() then replaces only the name.
          backup = tempName(real);
          try {
            linkSync(real, backup);
          } catch {
            backup = null;
          }
          created = !existsSync(real);
          renameSync(tmp, real);
        } else {
          publishNew(tmp, real, file);
          created = true;
        }
      } catch (error) {
        removeQuietly(tmp);
        if (backup) removeQuietly(backup);
        if (error instanceof OutputError) throw error;
        throw new OutputError(file, `cannot write: ${describeFsError(error)}`, { cause: error });
      }
      syncDir(dir);
    },
    undo() {
      if (backup) renameSync(backup, real);
      else if (created) removeQuietly(real);
      backup = null;
      syncDir(dir);
    },
    commit() {
      if (backup) removeQuietly(backup);
      backup = null;
    },
    discard() {
      removeQuietly(tmp);
    },
  };
}

/** Writes a file atomically (see prepareWrite), or into a device or pipe. */
export function writeFileAtomic(file: string, data: string, options: WriteOptions): void {
  const write = prepareWrite(file, data, options);
  write.publish();
  write.commit();
}

/**
 * `/dev/stdout`, `/dev/fd/1` and the like name a descriptor this process
 * already has. Reopening it fails when it is a socket (ENXIO), as it is when
 * a parent process reads our output, so it is written as it is.
 */
function ownDescriptor(file: string): number | null {
  const match = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/self\/fd\/(\d+))$/.exec(file);
  if (!match) return null;
  if (match[1] === 'stdout') return 1;
  if (match[1] === 'stderr') return 2;
  return Number(match[2] ?? match[3]);
}

function writeAll(fd: number, data: string): void {
  const bytes = Buffer.from(data, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** Writing into a device or pipe happens at publish: there is nothing to prepare, and nothing to undo. */
function streamWrite(target: OutputTarget, data: string): PreparedWrite {
  return {
    target,
    publish() {
      try {
        const own = ownDescriptor(target.file);
        if (own !== null) {
          writeAll(own, data);
          return;
        }
        // No O_CREAT and no O_TRUNC: the device or pipe is used as it is. A FIFO waits here for its reader.
        const fd = openSync(target.file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
        try {
          writeAll(fd, data);
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        throw new OutputError(target.file, `cannot write: ${describeFsError(error)}`, { cause: error });
      }
    },
    undo() {},
    commit() {},
    discard() {},
  };
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * A process killed mid-write (kill -9, power loss) leaves its temporary file
 * behind. Those whose process is gone are removed: of `base` before the next
 * write of the same file, or of every file in `dir` when no base is given (the
 * sessions folder, when it is listed). A live process's are left alone.
 */
const cleaned = new Set<string>();

export function removeStaleTemps(dir: string, base?: string): void {
  // Once per file (or folder) and process: a session is saved after every answer, and one look is enough.
  const key = path.join(dir, base ?? '');
  if (cleaned.has(key)) return;
  cleaned.add(key);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match || (base !== undefined && match[1] !== base)) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && !processAlive(pid)) removeQuietly(path.join(dir, name));
  }
}

/** Whether a process with this id runs on this machine (one we may not signal still runs). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

function publishNew(tmp: string, real: string, shown: string): void {
  try {
    linkSync(tmp, real);
    removeQuietly(tmp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputError(shown, 'already exists; use --force to overwrite it', { cause: error });
    // Some file systems (FAT, some network mounts) have no hard links; fall back to check-then-rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      if (existsSync(real)) throw new OutputError(shown, 'already exists; use --force to overwrite it');
      renameSync(tmp, real);
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
