// Bundles the CLI with code splitting, so each command's dependencies load only
// when that command runs, then regenerates the JSON Schemas from the zod schemas.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };
// commander and yaml are CommonJS; an ESM bundle needs a real `require` for their node: imports.
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { cli: path.join(root, 'src/cli/run.ts') },
  outdir: path.join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define,
  banner,
  logLevel: 'warning',
});

const tmp = path.join(root, 'node_modules', '.cache', 'outsource-check');
mkdirSync(tmp, { recursive: true });
const out = path.join(tmp, 'schemas.mjs');
await build({ entryPoints: [path.join(root, 'src/schemas.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner, logLevel: 'warning' });
const { jsonSchemas } = await import(pathToFileURL(out).href);
mkdirSync(path.join(root, 'schema'), { recursive: true });
for (const [name, text] of Object.entries(jsonSchemas())) {
  if (text) writeFileSync(path.join(root, 'schema', `${name}.schema.json`), text);
}
