import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Problem } from '../errors.js';
import type { Playbook, Section } from '../playbook/schema.js';
import { openPrivateFile } from './private.js';

/**
 * Parsed custom playbooks, keyed by a digest of their text (and of the code
 * that parsed them), so a folder of imported questionnaires is read as JSON
 * rather than parsed as YAML on every run. Best effort throughout: an entry
 * that cannot be read, does not check out or cannot be written is the same
 * as no entry; the command parses the file and its result and exit code are
 * unchanged, only slower.
 *
 * Three things make a warm run cheap, each checked before it is trusted:
 * - an entry per text digest: a header line (key and lengths), a summary
 *   line (the playbook without its sections, the item count, the warnings)
 *   and the sections, which are read only when a command uses them;
 * - an index from a file's path and stat (size, mtime, ctime, inode) to its
 *   digest, so an unchanged file is not even read; a record younger than
 *   the file's mtime plus a margin is not trusted (an edit within the same
 *   clock tick keeps size and mtime);
 * - the digests of whole sets of loaded playbooks whose checks across
 *   playbooks (`when` targets, cycles) found nothing.
 *
 * Every file is written to a private temporary file and renamed into place,
 * so concurrent runs can race (the last index wins; entries are immutable)
 * and a reader sees either no file or a whole one.
 */
export interface PlaybookCache {
  /** The digest key of a text. */
  keyOf(text: string): string;
  /** The key recorded for this file, if its stat still matches the record. */
  keyByStat(file: string, stat: Stats): string | null;
  get(key: string): CachedPlaybook | null;
  put(key: string, parse: CachedParse): void;
  /** Remembers that `file`, as `stat` describes it, has the text with this key. */
  record(file: string, stat: Stats, key: string): void;
  setChecked(setKey: string): boolean;
  markSetChecked(setKey: string): void;
  /** Writes the index if it changed; call once the registry is loaded. */
  flush(): void;
}

/** A playbook as the loader accepted it, with its warnings (positions kept, file name left out). */
export interface CachedParse {
  playbook: Playbook;
  warnings: Array<Omit<Problem, 'file'>>;
}

/** A cache hit: everything but the sections at once, the sections when asked for (null if the entry turns out damaged). */
export interface CachedPlaybook {
  head: Omit<Playbook, 'sections'>;
  itemCount: number;
  /** Whether any item defines or names a clause by id: only those take part in linking clauses across playbooks. */
  clauseIds: boolean;
  warnings: Array<Omit<Problem, 'file'>>;
  sections(): Section[] | null;
}

const FORMAT = 'outsource-check/playbook-cache@2';
const INDEX = 'index.json';
/** Past this many entries the oldest go: a cache folder must not grow with every edit for ever. */
const MAX_ENTRIES = 500;
const MAX_INDEX_FILES = 2000;
const MAX_SETS = 50;
/** A file modified this close to when its record was made may have changed without its stat showing it. */
const RACY_MS = 2000;

declare const __VERSION__: string;
declare const __BUILD_ID__: string;

/** What else an entry depends on: the tool's version and, for a build, a digest of its sources. */
function codeStamp(): string {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
  const build = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'source';
  return `${FORMAT}\0${version}\0${build}`;
}

/** Where in the state folder the cache lives; src/io/private.ts makes it private (or skips it). */
export const PLAYBOOK_CACHE_FOLDER = path.join('cache', 'playbooks');

interface FileRecord {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  key: string;
  recorded: number;
}

interface Index {
  stamp: string;
  files: Record<string, FileRecord>;
  sets: string[];
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function openPlaybookCache(dir: string, stamp: string = codeStamp(), now: () => number = Date.now): PlaybookCache {
  let pruned = false;
  let dirty = false;
  let index: Index | null = null;
  const stampKey = sha256(stamp);
  const fileOf = (key: string): string => path.join(dir, `${key}.json`);

  const loadIndex = (): Index => {
    if (index) return index;
    index = { stamp: stampKey, files: Object.create(null) as Record<string, FileRecord>, sets: [] };
    try {
      const raw = JSON.parse(readFileSync(path.join(dir, INDEX), 'utf8')) as Partial<Index>;
      if (raw.stamp === stampKey && raw.files && typeof raw.files === 'object' && Array.isArray(raw.sets)) {
        for (const [file, r] of Object.entries(raw.files)) if (isRecord(r)) index.files[file] = r;
        index.sets = raw.sets.filter((s): s is string => typeof s === 'string');
      }
    } catch {
      // no index yet, or a damaged one: start afresh
    }
    return index;
  };

  const write = (file: string, data: string): boolean => {
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fd = openPrivateFile(tmp);
      try {
        const bytes = Buffer.from(data, 'utf8');
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      return true;
    } catch {
      removeQuietly(tmp);
      return false;
    }
  };

  return {
    keyOf: (text) => sha256(`${stamp}\0${text}`),

    keyByStat(file, stat) {
      const r = loadIndex().files[file];
      if (!r || !stat.isFile()) return null;
      const same = r.size === stat.size && r.mtimeMs === stat.mtimeMs && r.ctimeMs === stat.ctimeMs && r.ino === stat.ino;
      return same && r.recorded - stat.mtimeMs > RACY_MS ? r.key : null;
    },

    get(key) {
      try {
        return readEntry(fileOf(key), key);
      } catch {
        return null;
      }
    },

    put(key, parse) {
      const { sections, ...head } = parse.playbook;
      const itemCount = sections.reduce((n, s) => n + s.items.length, 0);
      const clauseIds = sections.some((s) => s.items.some((i) => i.clause?.id !== undefined));
      const summary = JSON.stringify({ head, itemCount, clauseIds, warnings: parse.warnings });
      const body = JSON.stringify(sections);
      const header = JSON.stringify({ format: FORMAT, key, summary: Buffer.byteLength(summary), body: Buffer.byteLength(body), sha256: sha256(body) });
      if (!write(fileOf(key), `${header}\n${summary}\n${body}`)) return;
      if (!pruned) {
        pruned = true;
        prune(dir);
      }
    },

    record(file, stat, key) {
      if (!stat.isFile()) return;
      const files = loadIndex().files;
      files[file] = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, key, recorded: now() };
      dirty = true;
    },

    setChecked: (setKey) => loadIndex().sets.includes(setKey),

    markSetChecked(setKey) {
      const sets = loadIndex().sets;
      if (sets.includes(setKey)) return;
      sets.unshift(setKey);
      sets.length = Math.min(sets.length, MAX_SETS);
      dirty = true;
    },

    flush() {
      if (!dirty || !index) return;
      dirty = false;
      // Folders come and go; the records seen most recently stay.
      const records = Object.entries(index.files).sort((a, b) => b[1].recorded - a[1].recorded).slice(0, MAX_INDEX_FILES);
      write(path.join(dir, INDEX), JSON.stringify({ stamp: index.stamp, files: Object.fromEntries(records), sets: index.sets }));
    },
  };
}

/**
 * Reads the header and summary of an entry, and its sections only when
 * asked. The lengths in the header must match the file, and the sections
 * their digest, or the entry is ignored.
 */
function readEntry(file: string, key: string): CachedPlaybook | null {
  const fd = openSync(file, 'r');
  let size: number;
  let start: Buffer;
  try {
    size = fstatSync(fd).size;
    // Header and summary are a few hundred bytes; the sections, which can be megabytes, stay on disk.
    start = Buffer.allocUnsafe(Math.min(size, 16 * 1024));
    start = start.subarray(0, readSync(fd, start, 0, start.length, 0));
  } finally {
    closeSync(fd);
  }
  const headerEnd = start.indexOf(10);
  if (headerEnd === -1) return null;
  const header = JSON.parse(start.subarray(0, headerEnd).toString('utf8')) as { format?: unknown; key?: unknown; summary?: unknown; body?: unknown; sha256?: unknown };
  if (header.format !== FORMAT || header.key !== key || typeof header.summary !== 'number' || typeof header.body !== 'number' || typeof header.sha256 !== 'string') return null;
  const summaryStart = headerEnd + 1;
  const bodyStart = summaryStart + header.summary + 1;
  if (size !== bodyStart + header.body) return null;
  const summaryBytes = bodyStart <= start.length ? start.subarray(summaryStart, bodyStart - 1) : readFileSync(file).subarray(summaryStart, bodyStart - 1);
  const summary = JSON.parse(summaryBytes.toString('utf8')) as Partial<CachedPlaybook>;
  const head = summary.head as Partial<Playbook> | undefined;
  if (!head || typeof head.id !== 'string' || typeof head.version !== 'string' || typeof summary.itemCount !== 'number' || typeof summary.clauseIds !== 'boolean' || !Array.isArray(summary.warnings)) return null;
  const expected = header.sha256;
  return {
    head: head as Omit<Playbook, 'sections'>,
    itemCount: summary.itemCount,
    clauseIds: summary.clauseIds,
    warnings: summary.warnings,
    sections() {
      try {
        const body = readFileSync(file).subarray(bodyStart);
        if (body.length !== header.body || sha256(body) !== expected) return null;
        const sections = JSON.parse(body.toString('utf8')) as unknown;
        return Array.isArray(sections) && sections.every((s) => Array.isArray((s as Partial<Section> | null)?.items)) ? (sections as Section[]) : null;
      } catch {
        return null;
      }
    },
  };
}

function isRecord(r: unknown): r is FileRecord {
  const x = r as Partial<FileRecord> | null;
  return !!x && typeof x.size === 'number' && typeof x.mtimeMs === 'number' && typeof x.ctimeMs === 'number' && typeof x.ino === 'number' && typeof x.key === 'string' && typeof x.recorded === 'number';
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
      } else if (name.endsWith('.json') && name !== INDEX) entries.push({ file, mtime });
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
