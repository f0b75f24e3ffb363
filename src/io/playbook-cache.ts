import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Problem } from '../errors.js';
import type { Playbook } from '../playbook/schema.js';
import { stateDir } from './state.js';

/**
 * Parsed custom playbooks, keyed by a digest of their text (and of the code
 * that parsed them), so a folder of imported questionnaires is read as JSON
 * rather than parsed as YAML on every run. Best effort throughout: an entry
 * that cannot be read, does not check out or cannot be written is the same
 * as no entry; the command parses the file and its result and exit code are
 * unchanged, only slower.
 *
 * Entries are immutable (a key names one text), written to a private
 * temporary file and renamed into place, so concurrent runs can race to
 * write the same entry and a reader sees either no file or a whole one.
 * Each file starts with a line holding the key and a digest of the rest,
 * checked on read: a truncated, edited or misplaced entry is ignored.
 */
export interface PlaybookCache {
  get(text: string): CachedParse | null;
  put(text: string, parse: CachedParse): void;
}

/** A playbook as the loader accepted it, with its warnings (positions kept, file name left out). */
export interface CachedParse {
  playbook: Playbook;
  warnings: Array<Omit<Problem, 'file'>>;
}

const FORMAT = 'outsource-check/playbook-cache@1';
/** Past this many entries the oldest go: a cache folder must not grow with every edit for ever. */
const MAX_ENTRIES = 500;

declare const __VERSION__: string;
declare const __BUILD_ID__: string;

/** What else an entry depends on: the tool's version and, for a build, a digest of its sources. */
function codeStamp(): string {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
  const build = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'source';
  return `${FORMAT}\0${version}\0${build}`;
}

export function playbookCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(stateDir(env), 'cache', 'playbooks');
}

export function openPlaybookCache(dir: string, stamp: string = codeStamp()): PlaybookCache {
  let pruned = false;
  const keyOf = (text: string): string => createHash('sha256').update(stamp).update('\0').update(text).digest('hex');
  const fileOf = (key: string): string => path.join(dir, `${key}.json`);

  return {
    get(text) {
      const key = keyOf(text);
      try {
        const data = readFileSync(fileOf(key), 'utf8');
        const newline = data.indexOf('\n');
        if (newline === -1) return null;
        const header = JSON.parse(data.slice(0, newline)) as { format?: unknown; key?: unknown; sha256?: unknown };
        const body = data.slice(newline + 1);
        if (header.format !== FORMAT || header.key !== key) return null;
        if (header.sha256 !== createHash('sha256').update(body).digest('hex')) return null;
        const entry = JSON.parse(body) as CachedParse;
        return looksLikeEntry(entry) ? entry : null;
      } catch {
        return null;
      }
    },
    put(text, parse) {
      const key = keyOf(text);
      const body = JSON.stringify(parse);
      const header = JSON.stringify({ format: FORMAT, key, sha256: createHash('sha256').update(body).digest('hex') });
      const tmp = path.join(dir, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const fd = openSync(tmp, 'wx', 0o600);
        try {
          const bytes = Buffer.from(`${header}\n${body}`, 'utf8');
          let written = 0;
          while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, fileOf(key));
      } catch {
        removeQuietly(tmp);
        return;
      }
      if (!pruned) {
        pruned = true;
        prune(dir);
      }
    },
  };
}

/** Cheap shape check: enough that a well-formed but foreign JSON file is never taken for a playbook. */
function looksLikeEntry(entry: unknown): entry is CachedParse {
  const e = entry as Partial<CachedParse> | null;
  return (
    !!e &&
    typeof e === 'object' &&
    Array.isArray(e.warnings) &&
    !!e.playbook &&
    typeof e.playbook.id === 'string' &&
    Array.isArray(e.playbook.sections) &&
    e.playbook.sections.every((s) => Array.isArray(s?.items))
  );
}

/** Keeps the newest MAX_ENTRIES entries, and clears temporary files a killed run left behind. */
function prune(dir: string): void {
  try {
    const now = Date.now();
    const entries: Array<{ file: string; mtime: number }> = [];
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const mtime = statSync(file).mtimeMs;
      if (name.endsWith('.tmp')) {
        if (now - mtime > 60 * 60 * 1000) removeQuietly(file);
      } else if (name.endsWith('.json')) entries.push({ file, mtime });
    }
    if (entries.length <= MAX_ENTRIES) return;
    entries.sort((a, b) => b.mtime - a.mtime);
    for (const { file } of entries.slice(MAX_ENTRIES)) removeQuietly(file);
  } catch {
    // best effort
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
