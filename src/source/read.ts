import { readFileSync, statSync } from 'node:fs';
import { InputError, type Problem } from '../errors.js';

/** A file's text, decoded and with any byte-order mark removed. */
export interface SourceText {
  file: string;
  text: string;
}

export type ReadResult = { ok: true; source: SourceText } | { ok: false; problems: Problem[] };

/**
 * Playbooks and answers are hand-written and small; the cap stops a 50 MB
 * file (or /dev/zero) before it is read, and still leaves room for
 * generated playbooks of 10,000 items.
 */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

function problemAt(file: string, message: string, line = 1, col = 1): Problem {
  return { file, line, col, message, level: 'error' };
}

/** Reads a YAML source. Missing or unreadable files throw (exit 66); bad content is a problem (exit 65). */
export function readSource(file: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(file, 'is a folder, not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  if (size > maxBytes) {
    return {
      ok: false,
      problems: [problemAt(file, `file is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} limit`)],
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  // Special files report size 0 and can still stream without end.
  if (bytes.length > maxBytes) {
    return { ok: false, problems: [problemAt(file, `file is larger than the ${formatBytes(maxBytes)} limit`)] };
  }
  return decodeSource(file, bytes);
}

export function decodeSource(file: string, bytes: Uint8Array): ReadResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, col } = lineColAt(new TextDecoder().decode(bytes.subarray(0, nul)), nul);
    return { ok: false, problems: [problemAt(file, 'file is binary (it contains a NUL byte), not YAML text', line, col)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const { line, col } = lineColAt(lossy, Math.max(at, 0));
    return { ok: false, problems: [problemAt(file, 'file is not valid UTF-8 text; save it as UTF-8', line, col)] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, source: { file, text } };
}

function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
