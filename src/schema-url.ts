import path from 'node:path';
import { packageRoot } from './package-files.js';

declare const __VERSION__: string;

/**
 * Where editors find a schema for a file that may be opened on any machine
 * later: the published package's copy, pinned to this version. A path into
 * this install would break on the next machine, or after an upgrade.
 */
export function schemaUrl(which: 'playbook' | 'answers'): string {
  return `https://unpkg.com/outsource-check@${__VERSION__}/schema/${which}.schema.json`;
}

/**
 * The schema reference for a file about to be written at `file`: a path
 * relative to it when it lies inside this package's own folder (a clone, where
 * the two travel together), the pinned URL otherwise.
 */
export function schemaRef(which: 'playbook' | 'answers', file: string | null): string {
  const root = packageRoot();
  if (file && root) {
    const rel = path.relative(root, path.resolve(file));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return path.relative(path.dirname(path.resolve(file)), path.join(root, 'schema', `${which}.schema.json`)).split(path.sep).join('/');
  }
  return schemaUrl(which);
}

export function modeline(which: 'playbook' | 'answers', file: string | null): string {
  return `# yaml-language-server: $schema=${schemaRef(which, file)}`;
}
