import path from 'node:path';
import { shellQuote } from '../terminal/shell.js';

/**
 * The command a person typed to start this run, so that the commands we
 * print (resume, report, template) work where they are printed: in a clone
 * `outsource-check` may not exist, while `node bin/outsource-check.cjs` does.
 */
export function invocation(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // npx (npm exec) runs the package's bin from its cache; printing the cache path would be useless.
  if (env.npm_command === 'exec') return 'npx outsource-check';
  // `npm start -- ARGS` runs the script through npm; further arguments follow `--`.
  if (env.npm_lifecycle_event === 'start' && env.npm_command === 'start') return 'npm start --';
  if (!script) return 'outsource-check';
  const base = path.basename(script);
  if (/\.c?js$/.test(base)) {
    // `node bin/outsource-check.cjs`: the script path, relative when that is what the person can type from here.
    const rel = path.relative(cwd, script);
    const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : script;
    return `node ${shellQuote(shown)}`;
  }
  // Installed: the name on PATH (a link to the bin), whatever the package manager called it.
  return base;
}
