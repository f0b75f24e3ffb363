#!/usr/bin/env node
// CommonJS on purpose: `--version`, which scripts call in loops, then never starts the ES module loader.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${require('../package.json').version}\n`);
else if (!require('node:fs').existsSync(require('node:path').join(__dirname, '..', 'dist', 'cli.js'))) {
  // A fresh clone has no dist/ yet: say what to run instead of Node's stack trace for a missing module.
  process.stderr.write('outsource-check: not built yet. Run `npm run build` (or `npm start`) in the project folder first.\n');
  process.exitCode = 2;
} else {
  // Node 22 and later keep compiled code between runs; Node 20 has no such cache and skips this.
  require('node:module').enableCompileCache?.();
  import('../dist/cli.js').then((cli) => cli.run(process.argv));
}
