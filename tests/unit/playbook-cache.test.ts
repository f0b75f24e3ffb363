import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlaybookCache, type CachedParse } from '../../src/io/playbook-cache.js';
import { loadRegistry } from '../../src/playbook/registry.js';
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
const playbook = { id: 'p', sections: [{ items: [] }] } as unknown as Playbook;
const entry: CachedParse = { playbook, warnings: [{ line: 1, col: 1, message: 'w', level: 'warning' }] };

function onlyEntry(dir: string): string {
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]!);
}

describe('parsed-playbook cache', () => {
  it('gives back what was put for the same text only, in a private folder and file', () => {
    const dir = path.join(temp(), 'cache', 'playbooks');
    const cache = openPlaybookCache(dir, 'stamp');
    expect(cache.get('text')).toBeNull();
    cache.put('text', entry);
    expect(cache.get('text')).toEqual(entry);
    expect(cache.get('text ')).toBeNull();
    expect(openPlaybookCache(dir, 'other code').get('text')).toBeNull();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(onlyEntry(dir)).mode & 0o777).toBe(0o600);
  });

  it('ignores an entry that is truncated, edited, foreign or misplaced', () => {
    const dir = temp();
    const cache = openPlaybookCache(dir, 'stamp');
    cache.put('text', entry);
    const file = onlyEntry(dir);
    const good = readFileSync(file, 'utf8');
    const [header, body] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
    const bad = [
      good.slice(0, good.length - 5),
      `${header}\n${body.replace('"p"', '"q"')}`,
      'not json at all',
      `${header}\n`,
      '',
      `${header.replace(/"key":"[0-9a-f]+"/, '"key":"0000"')}\n${body}`,
    ];
    for (const text of bad) {
      writeFileSync(file, text);
      expect(cache.get('text'), text.slice(0, 60)).toBeNull();
    }
    // A well-formed entry whose body is not a playbook is not taken either.
    const other = openPlaybookCache(dir, 'stamp');
    other.put('other', { playbook: { nope: true }, warnings: [] } as unknown as CachedParse);
    expect(other.get('other')).toBeNull();
  });

  it('never throws when the folder cannot be made or written', () => {
    const root = temp();
    writeFileSync(path.join(root, 'file'), '');
    const cache = openPlaybookCache(path.join(root, 'file', 'cache'), 'stamp');
    expect(() => cache.put('text', entry)).not.toThrow();
    expect(cache.get('text')).toBeNull();
    if (process.getuid?.() !== 0) {
      const readOnly = path.join(root, 'ro');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
      const ro = openPlaybookCache(readOnly, 'stamp');
      expect(() => ro.put('text', entry)).not.toThrow();
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
    // Doctor the entry (with a matching digest) to prove the second load reads it rather than the YAML.
    const text = readFileSync(cached, 'utf8');
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { key: string };
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as CachedParse;
    body.playbook.title = 'From the cache';
    const bodyText = JSON.stringify(body);
    writeFileSync(cached, `${JSON.stringify({ format: 'outsource-check/playbook-cache@1', key: header.key, sha256: createHash('sha256').update(bodyText).digest('hex') })}\n${bodyText}`);
    const second = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    expect(second.playbooks.map((p) => p.playbook.title)).toEqual(['From the cache']);
    // `fresh` (playbooks validate) parses the file itself.
    const fresh = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's'), fresh: true });
    expect(fresh.playbooks.map((p) => p.playbook.title)).toEqual([first.playbooks[0]!.playbook.title]);
  });

  it('gives the same playbooks and problems with a broken cache as without one', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'broken.yaml'), readFileSync(path.join(ROOT, 'tests', 'fixtures', 'playbooks', 'invalid', 'typo.yaml')));
    const without = loadRegistry({ bundledDir: null, custom: [dir] });
    const cacheDir = path.join(dir, 'cache');
    loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), '{"garbage":');
    const broken = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    const warm = loadRegistry({ bundledDir: null, custom: [dir], cache: openPlaybookCache(cacheDir, 's') });
    for (const r of [broken, warm]) {
      expect(r.playbooks.map((p) => p.playbook)).toEqual(without.playbooks.map((p) => p.playbook));
      expect(r.problems).toEqual(without.problems);
    }
    expect(without.problems.length).toBeGreaterThan(0);
  });
});
