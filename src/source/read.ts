import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
    bytes = readAtMost(file, maxBytes + 1);
  } catch (error) {
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  // Special files (/dev/zero, /dev/urandom) report size 0 and stream without end, so the read itself is capped.
  if (bytes.length > maxBytes) {
    return { ok: false, problems: [problemAt(file, `file is larger than the ${formatBytes(maxBytes)} limit`)] };
  }
  return decodeSource(file, bytes);
}

/** Reads up to `limit` bytes, however much the file claims (or fails to claim) to hold. */
function readAtMost(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(limit, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, limit - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

export function decodeSource(file: string, bytes: Uint8Array): ReadResult {
  // Windows editors save "Unicode" as UTF-16, which is full of NUL bytes; say what it is rather than "binary".
  // UTF-32's little-endian mark starts like UTF-16's, so it is looked for first.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return { ok: false, problems: [problemAt(file, 'file is UTF-32 text; save it as UTF-8')] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problems: [problemAt(file, 'file is UTF-16 text; save it as UTF-8')] };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, col } = endOf(new TextDecoder().decode(bytes.subarray(0, nul)));
    return { ok: false, problems: [problemAt(file, 'file is binary (it contains a NUL byte), not YAML text', line, col)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, col } = endOf(validUtf8Prefix(bytes));
    return { ok: false, problems: [problemAt(file, 'file is not valid UTF-8 text; save it as UTF-8', line, col)] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, source: { file, text } };
}

/**
 * The text before the first invalid UTF-8 sequence. Searching the decoded text for U+FFFD would
 * stop early at a replacement character the author typed; a streaming decode accepts a prefix
 * that ends inside a sequence, so "this prefix decodes" only turns false past the bad byte.
 */
function validUtf8Prefix(bytes: Uint8Array): string {
  const decodes = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  // A streaming decode holds back an unfinished sequence at the end, so this is the text before the bad one.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lo), { stream: true });
}

/** Line and column just after `text`, counting columns in characters as editors do. */
function endOf(text: string): { line: number; col: number } {
  const lastNewline = text.lastIndexOf('\n');
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: text.length - lastNewline };
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
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
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
