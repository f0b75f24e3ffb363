import path from 'node:path';
import { shellQuote } from '../terminal/shell.js';

/**
 * The command a person typed to start this run, so that the commands we
 * print (resume, report, template) work where they are printed: in a clone
 * `outsource-check` may not exist, while `node bin/outsource-check.cjs` does.
 */
export function invocation(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (script && /\.c?js$/.test(script)) {
    // `node bin/outsource-check.cjs`, and `npm start`, which runs that: the script path, relative when that is what the person can type from here.
    const rel = path.relative(cwd, script);
    return `node ${shellQuote(rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : script)}`;
  }
  // npx (npm exec) runs the bin link from its cache or node_modules/.bin; the link's path would be no use.
  if (env.npm_command === 'exec') return 'npx outsource-check';
  if (!script) return 'outsource-check';
  // Installed: the name on PATH (a link to the bin), whatever the package manager called it.
  return path.basename(script);
}
