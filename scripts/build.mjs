// Bundles the CLI with code splitting, so each command's dependencies load only
// when that command runs, and caches the validated bundled playbooks.
// `--schemas` instead writes schema/*.schema.json from the zod schemas (`npm run schemas`).
// The build never writes them itself: the committed files are what editors and
// `outsource-check schema` use, and the drift test must compare them with the
// zod schemas as committed, not as the build just rewrote them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/**
 * A digest of the sources and of the installed YAML parser: cached parsed playbooks
 * (src/io/playbook-cache.ts) made by any other code are not used.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync(path.join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, 'src', file))).update('\0');
  hash.update(readFileSync(path.join(root, 'node_modules', 'yaml', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}
const define = { __VERSION__: JSON.stringify(pkg.version), __BUILD_ID__: JSON.stringify(buildId()) };
// commander and yaml are CommonJS; an ESM bundle needs a real `require` for their node: imports.
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };

/**
 * commander loads node:child_process (about 7 ms here) only to run
 * subcommands that are separate executables, which this CLI has none of;
 * inside commander it is replaced by a stub that fails loudly if ever used.
 */
const noChildProcessInCommander = {
  name: 'no-child-process-in-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process-stub', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "module.exports = { spawn() { throw new Error('outsource-check has no executable subcommands'); } };",
      loader: 'js',
    }));
  },
};

/**
 * string-width builds an Intl.Segmenter and three Unicode-property regular
 * expressions when it is imported (about 25 ms here), which a command pays
 * even if it never measures text beyond what src/terminal/text-width.ts
 * measures itself. Its body is wrapped in a function run on the first call.
 * The build fails if the module no longer has the one shape this handles.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const imports = text.match(/^import [^;]+;$/gm) ?? [];
      const exported = /^export default function stringWidth\(/m;
      const body = imports.reduce((rest, line) => rest.replace(line, ''), text);
      if (!exported.test(body) || /^export /m.test(body.replace(exported, '')) || /\bawait\b/.test(body)) {
        throw new Error(`${args.path} changed shape: update lazyStringWidth in scripts/build.mjs`);
      }
      const contents = `${imports.join('\n')}
let impl;
export default function stringWidth(input, options) {
  impl ??= (() => {
${body.replace(exported, 'function stringWidth(')}
    return stringWidth;
  })();
  return impl(input, options);
}
`;
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const writeSchemas = process.argv.includes('--schemas');

if (!writeSchemas) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const built = writeSchemas ? null : await build({
  absWorkingDir: root,
  entryPoints: { cli: path.join(root, 'src/cli/run.ts') },
  outdir: path.join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less source to compile is most of what start-up costs once the work itself is cached.
  minify: process.env.OUTSOURCE_CHECK_NO_MINIFY !== "1",
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [noChildProcessInCommander, lazyStringWidth],
  // Loaded at run time only when needed (src/source/yaml-lib.ts), from the installed package.
  external: ['yaml'],
  define,
  banner,
  logLevel: 'warning',
  metafile: true,
});

// Build-time tools run from a private bundle of the same sources.
const tmp = path.join(root, 'node_modules', '.cache', 'outsource-check');
mkdirSync(tmp, { recursive: true });
// Which sources each built file holds, for the test of what each command loads (tests/e2e/startup-modules.test.ts).
if (built) {
  const chunks = Object.fromEntries(Object.entries(built.metafile.outputs).map(([file, out]) => [path.relative(path.join(root, 'dist'), path.resolve(root, file)), Object.keys(out.inputs)]));
  writeFileSync(path.join(tmp, 'dist-inputs.json'), JSON.stringify(chunks));
}
const tools = path.join(tmp, `build-tools-${process.pid}.mjs`);
await build({ entryPoints: [path.join(root, 'scripts/build-tools.ts')], outfile: tools, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner, define, logLevel: 'warning' });
const { jsonSchemas, buildCache, CACHE_FILE } = await import(pathToFileURL(tools).href);
rmSync(tools, { force: true });

if (writeSchemas) {
  mkdirSync(path.join(root, 'schema'), { recursive: true });
  for (const [name, text] of Object.entries(jsonSchemas())) {
    writeFileSync(path.join(root, 'schema', `${name}.schema.json`), text);
    console.log(`wrote schema/${name}.schema.json`);
  }
  process.exit(0);
}

// The bundled playbooks are validated here, and a broken one fails the build.
const { entries, problems } = buildCache(path.join(root, 'playbooks'));
if (problems.length > 0) {
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.col}: ${p.message}`);
  process.exit(1);
}
writeFileSync(path.join(root, 'dist', CACHE_FILE), JSON.stringify(entries));
