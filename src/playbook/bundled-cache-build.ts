import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../errors.js';
import { readSource } from '../source/read.js';
import { digest, type CacheEntry } from './bundled-cache.js';
import { parsePlaybook } from './load.js';

/** What the build stores (scripts/build.mjs): each bundled playbook validated, with a digest of its text. */
export function buildCache(dir: string): { entries: CacheEntry[]; problems: Problem[] } {
  const entries: CacheEntry[] = [];
  const problems: Problem[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
    const read = readSource(path.join(dir, name));
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const { parsed, problems: found } = parsePlaybook(read.source);
    problems.push(...found);
    if (parsed) entries.push({ name, digest: digest(read.source.text), playbook: parsed.playbook });
  }
  return { entries, problems };
}

