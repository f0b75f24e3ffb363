import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../package-files.js';
import { lazyYamlDoc } from '../source/yaml-positions.js';
import type { ParsedPlaybook } from './load.js';
import type { Playbook } from './schema.js';

/**
 * Parsing the eight bundled playbooks is most of what `validate` and
 * `check` spend at start-up. The build validates them once and stores the
 * result with a digest of each file's text; at run time a file whose text
 * still has that digest is taken from the cache, and any other (an edited
 * install, a source checkout ahead of its build) is parsed as usual.
 */
export const CACHE_FILE = 'bundled-playbooks.json';

export interface CacheEntry {
  name: string;
  digest: string;
  playbook: Playbook;
}

export function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

let cache: Map<string, Playbook> | undefined;

function loadCache(): Map<string, Playbook> {
  if (cache) return cache;
  cache = new Map();
  // The cache belongs to a build: code running from the sources (the unit tests, a checkout ahead of its
  // build) parses the playbooks itself, so a stale dist/ can never stand in for what the sources say.
  if (!fromBuild()) return cache;
  const file = packageFile('dist', CACHE_FILE);
  if (!file) return cache;
  try {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry[];
    for (const e of entries) cache.set(`${e.name}:${e.digest}`, e.playbook);
  } catch {
    // no cache (running from sources) or an unreadable one: parse everything
  }
  return cache;
}

function fromBuild(): boolean {
  return fileURLToPath(import.meta.url).split(path.sep).includes('dist');
}

/** The validated playbook for this exact text, if the build cached it; its YAML is parsed only if a position is needed. */
export function cachedPlaybook(file: string, text: string): ParsedPlaybook | null {
  const playbook = loadCache().get(`${path.basename(file)}:${digest(text)}`);
  return playbook ? { playbook, file, yaml: lazyYamlDoc({ file, text }) } : null;
}
