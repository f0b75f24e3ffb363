import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

let root: string | null | undefined;

/**
 * The installed package's folder, found by walking up from this module: the
 * same code runs from dist/, dist/chunks/ and src/, so no fixed depth fits all.
 */
export function packageRoot(): string | null {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'playbooks'))) return (root = dir);
    dir = path.dirname(dir);
  }
  return (root = null);
}

export function packageFile(...segments: string[]): string | null {
  const base = packageRoot();
  return base ? path.join(base, ...segments) : null;
}
