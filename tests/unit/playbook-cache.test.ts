import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlaybookCache, type CachedParse } from '../../src/io/playbook-cache.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { loadRegistry as loadWithoutParser, ParserNeeded } from '../../src/playbook/registry-core.js';
import type { Playbook } from '../../src/playbook/schema.js';
import { ROOT } from '../support/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-cache-test-'));
  made.push(dir);
  return dir;
}

const VALID = path.join(ROOT, 'tests', 'fixtures', 'playbooks', 'valid');
const playbook = { id: 'p', version: '1.0.0', title: 'P', sections: [{ items: [{ id: 'a' }, { id: 'b' }] }] } as unknown as Playbook;
const entry: CachedParse = { playbook, warnings: [{ line: 1, col: 1, message: 'w', level: 'warning' }] };

function entries(dir: string): string[] {
  return readdirSync(dir).filter((n) => n !== 'index.json').map((n) => path.join(dir, n));
}
function onlyEntry(dir: string): string {
  const files = entries(dir);
  expect(files).toHaveLength(1);
  return files[0]!;
}
const whole = (hit: ReturnType<ReturnType<typeof openPlaybookCache>['get']>) => (hit ? { ...hit.head, sections: hit.sections(), itemCount: hit.itemCount, warnings: hit.warnings } : null);

describe('parsed-playbook cache', () => {
  it('gives back what was put under the key of the same text only, in a private folder and file', () => {
    const dir = path.join(temp(), 'cache', 'playbooks');
    const cache = openPlaybookCache(dir, 'stamp');
    const key = cache.keyOf('text');
    expect(cache.get(key)).toBeNull();
    cache.put(key, entry);
    expect(whole(cache.get(key))).toEqual({ ...playbook, itemCount: 2, warnings: entry.warnings });
    expect(cache.keyOf('text ')).not.toBe(key);
    expect(openPlaybookCache(dir, 'other code').keyOf('text')).not.toBe(key);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(onlyEntry(dir)).mode & 0o777).toBe(0o600);
  });

  it('ignores an entry that is truncated, edited, foreign or misplaced', () => {
    const dir = temp();
    const cache = openPlaybookCache(dir, 'stamp');
    const key = cache.keyOf('text');
    cache.put(key, entry);
    const file = onlyEntry(dir);
    const good = readFileSync(file, 'utf8');
    const lines = good.split('\n');
    const bad = [
      good.slice(0, good.length - 5),
      `${lines[0]}\n${lines[1]}\n${lines[2]!.replace('"a"', '"x"')}`,
      `${lines[0]}\n${lines[1]!.replace('"p"', '"pp"')}\n${lines[2]}`,
      'not json at all',
      `${lines[0]}\n`,
      '',
      `${lines[0]!.replace(/"key":"[0-9a-f]+"/, '"key":"0000"')}\n${lines[1]}\n${lines[2]}`,
    ];
    for (const text of bad) {
      writeFileSync(file, text);
      const hit = cache.get(key);
      // Either the entry is refused at once, or its sections are (a body edited in place, same length).
      expect(hit === null || hit.sections() === null, text.slice(0, 60)).toBe(true);
    }
    // A well-formed entry whose summary is not a playbook's is not taken either.
    const other = openPlaybookCache(dir, 'stamp');
    other.put(other.keyOf('other'), { playbook: { nope: true, sections: [] }, warnings: [] } as unknown as CachedParse);
    expect(other.get(other.keyOf('other'))).toBeNull();
  });

  it('knows a file by its stat only once the record is older than the file by a margin', () => {
    const dir = temp();
    const file = path.join(dir, 'p.yaml');
    writeFileSync(file, 'x');
    let now = Date.now();
    const cache = openPlaybookCache(path.join(dir, 'c'), 'stamp', () => now);
    const stat = statSync(file);
    cache.record(file, stat, 'k');
    expect(cache.keyByStat(file, stat)).toBeNull();
    now += 5000;
    cache.record(file, stat, 'k');
    expect(cache.keyByStat(file, stat)).toBe('k');
    cache.flush();
    expect(openPlaybookCache(path.join(dir, 'c'), 'stamp').keyByStat(file, stat)).toBe('k');
    expect(openPlaybookCache(path.join(dir, 'c'), 'other code').keyByStat(file, stat)).toBeNull();
    writeFileSync(file, 'y');
    expect(cache.keyByStat(file, statSync(file))).toBeNull();
    writeFileSync(path.join(dir, 'c', 'index.json'), '{"broken":');
    expect(openPlaybookCache(path.join(dir, 'c'), 'stamp').keyByStat(file, stat)).toBeNull();
  });

  it('never throws when the folder cannot be made or written', () => {
    const root = temp();
    writeFileSync(path.join(root, 'file'), '');
    const cache = openPlaybookCache(path.join(root, 'file', 'cache'), 'stamp');
    const key = cache.keyOf('text');
    expect(() => {
      cache.put(key, entry);
      cache.markSetChecked('set');
      cache.flush();
    }).not.toThrow();
    expect(cache.get(key)).toBeNull();
    if (process.getuid?.() !== 0) {
      const readOnly = path.join(root, 'ro');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
      const ro = openPlaybookCache(readOnly, 'stamp');
      expect(() => ro.put(key, entry)).not.toThrow();
      expect(readdirSync(readOnly)).toEqual([]);
      chmodSync(readOnly, 0o700);
    }
  });
});

describe('the registry with a cache', () => {
  const folder = () => {
    const dir = temp();
    cpSync(path.join(VALID, 'vendor-onboarding.yaml'), path.join(dir, 'vendor-onboarding.yaml'));
    return dir;
  };

  it('parses a new file, caches it, and takes the cached parse for the same text next time', () => {
    const dir = folder();
    const cacheDir = path.join(dir, 'cache');
    const first = loadRegistry({ bundledDir: null, custom: [path.join(dir, 'vendor-onboarding.yaml')], cache: openPlaybookCache(cacheDir, 's') });
    expect(first.problems).toEqual([]);
    const cached = onlyEntry(cacheDir);
    // Doctor the entry's summary (keeping its length) to prove the second load reads it rather than the YAML.
    const title = first.playbooks[0]!.playbook.title;
    const text = readFileSync(cached, 'utf8');
    writeFileSync(cached, text.replace(`"title":${JSON.stringify(title)}`, `"title":${JSON.stringify('X'.repeat(title.length))}`));
    const second = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    expect(second.playbooks.map((p) => p.playbook.title)).toEqual(['X'.repeat(title.length)]);
    expect(second.playbooks[0]!.playbook).toEqual({ ...first.playbooks[0]!.playbook, title: 'X'.repeat(title.length) });
    // `fresh` (playbooks validate) parses the file itself.
    const fresh = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's'), fresh: true });
    expect(fresh.playbooks.map((p) => p.playbook.title)).toEqual([title]);
  });

  it('takes the sections from the file when the cached ones turn out damaged', () => {
    const dir = folder();
    const cacheDir = path.join(dir, 'cache');
    const first = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    const cached = onlyEntry(cacheDir);
    const text = readFileSync(cached, 'utf8');
    const lines = text.split('\n');
    writeFileSync(cached, `${lines[0]}\n${lines[1]}\n${lines[2]!.replace(/"question":"(.)/, '"question":"~')}`);
    const second = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    expect(second.playbooks[0]!.playbook.sections).toEqual(first.playbooks[0]!.playbook.sections);
  });

  it('loads cached playbooks with no parser at hand, and says when a file needs one', () => {
    // The CLI loads the parser (zod, the YAML readers) only when this says it must (src/cli/registry.ts).
    const dir = folder();
    const cacheDir = path.join(dir, 'cache');
    expect(() => loadWithoutParser({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') })).toThrow(ParserNeeded);
    const first = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    const warm = loadWithoutParser({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    expect(warm.problems).toEqual(first.problems);
    expect(warm.playbooks.map((p) => p.playbook)).toEqual(first.playbooks.map((p) => p.playbook));
    // A changed file is not in the cache: it needs the parser again.
    writeFileSync(path.join(dir, 'vendor-onboarding.yaml'), `${readFileSync(path.join(dir, 'vendor-onboarding.yaml'), 'utf8')}\n`);
    expect(() => loadWithoutParser({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') })).toThrow(ParserNeeded);
    // From the sources the build's cache of bundled playbooks is not used, so they need the parser too.
    expect(() => loadWithoutParser({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] })).toThrow(ParserNeeded);
  });

  it('gives the same playbooks and problems with a broken cache as without one', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'broken.yaml'), readFileSync(path.join(ROOT, 'tests', 'fixtures', 'playbooks', 'invalid', 'typo.yaml')));
    const without = loadRegistry({ bundledDir: null, custom: [dir] });
    const cacheDir = path.join(dir, 'cache');
    loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), '{"garbage":');
    // Warm twice: once to record the files, once from the records.
    const broken = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    const warm = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    const warmer = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's', () => Date.now() + 10_000) });
    const warmest = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    for (const r of [broken, warm, warmer, warmest]) {
      expect(r.playbooks.map((p) => p.playbook)).toEqual(without.playbooks.map((p) => p.playbook));
      expect(r.problems).toEqual(without.problems);
    }
    expect(without.problems.length).toBeGreaterThan(0);
  });
});
