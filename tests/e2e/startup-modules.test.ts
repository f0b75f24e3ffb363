import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, ROOT, tempDirs } from '../support/cli.js';

/**
 * What each command loads, in the built CLI: start-up is mostly loading and
 * compiling modules, so a heavy library that creeps into a command that does
 * not need it (zod, the YAML readers, the prompts, chalk, the HTML renderer) is a
 * start-up regression. A loader hook records every module the run loads; the
 * build's record of which sources each built file holds (scripts/build.mjs)
 * turns them back into sources. No timing is measured: `npm run bench` does that.
 */

const tempDir = tempDirs('oc-modules-');
const example = path.join(ROOT, 'examples', 'freelancer-web.yaml');
let inputs: Record<string, string[]>;
let hooks: string;

beforeAll(() => {
  requireBuild();
  inputs = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '.cache', 'outsource-check', 'dist-inputs.json'), 'utf8')) as Record<string, string[]>;
  hooks = tempDir();
  // The ES modules through a load hook (in its own thread, so it appends to a file); CommonJS ones from require's cache at exit.
  writeFileSync(path.join(hooks, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nlet out;\nexport function initialize(data) { out = data.file; }\nexport async function load(url, context, next) { appendFileSync(out, url + '\\n'); return next(url, context); }\n");
  writeFileSync(
    path.join(hooks, 'preload.cjs'),
    "const { register } = require('node:module');\nconst { appendFileSync } = require('node:fs');\nconst { pathToFileURL } = require('node:url');\nconst file = process.env.OC_LOADED;\nregister(pathToFileURL(__dirname + '/hooks.mjs'), { data: { file } });\nprocess.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((f) => pathToFileURL(f).href + '\\n').join('')));\n",
  );
});

interface Loaded {
  /** Sources and packages the run loaded: `src/…` files and `node_modules/<package>`. */
  sources: Set<string>;
  /** Whether any file of the built CLI was loaded at all. */
  built: boolean;
}

function packageOf(file: string): string {
  const parts = file.split('/');
  const at = parts.lastIndexOf('node_modules');
  const name = parts[at + 1] ?? '';
  return `node_modules/${name.startsWith('@') ? `${name}/${parts[at + 2] ?? ''}` : name}`;
}

function loadedBy(args: readonly string[], env: NodeJS.ProcessEnv = {}, root = ROOT): Loaded & { stdout: string } {
  const dir = tempDir();
  const record = path.join(dir, 'loaded.txt');
  writeFileSync(record, '');
  const r = spawnSync(process.execPath, ['--require', path.join(hooks, 'preload.cjs'), root === ROOT ? BIN : path.join(root, 'bin', 'outsource-check.cjs'), ...args], {
    cwd: dir,
    env: { ...process.env, OUTSOURCE_CHECK_HOME: path.join(dir, 'home'), NO_COLOR: '1', OUTSOURCE_CHECK_PLAYBOOKS: '', ...env, OC_LOADED: record },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 25_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const dist = `${pathToFileURL(path.join(root, 'dist')).href}/`;
  const sources = new Set<string>();
  let built = false;
  for (const url of new Set(readFileSync(record, 'utf8').split('\n'))) {
    if (url.startsWith(dist)) {
      built = true;
      for (const input of inputs[url.slice(dist.length)] ?? []) sources.add(input.includes('node_modules/') ? packageOf(input) : input);
    } else if (url.includes('/node_modules/') && !url.includes('/node_modules/vitest/')) sources.add(packageOf(url));
  }
  return { sources, built, stdout: r.stdout };
}

/** Libraries only some commands need, and the modules that bring them. */
const HEAVY = {
  zod: 'node_modules/zod',
  jsYaml: 'node_modules/js-yaml',
  yaml: 'node_modules/yaml',
  chalk: 'node_modules/chalk',
  prompts: 'node_modules/@inquirer/core',
  playbookSchema: 'src/playbook/schema.ts',
  playbookParser: 'src/playbook/load.ts',
  locks: 'src/io/lock.ts',
  interview: 'src/ui/interview.ts',
  html: 'src/report/html.ts',
} as const;

function heavyIn(loaded: Loaded): string[] {
  return Object.entries(HEAVY)
    .filter(([, source]) => loaded.sources.has(source))
    .map(([name]) => name);
}

/** A folder of custom playbooks written an hour ago, as the parsed-playbook cache trusts a file's stat only once it is older than its record. */
function customFolder(): string {
  const dir = path.join(tempDir(), 'playbooks');
  mkdirSync(dir);
  const file = path.join(dir, 'vendor-security.yaml');
  writeFileSync(
    file,
    'format: outsource-check/playbook@2\nid: vendor-security\nkind: custom\ntitle: Vendor security\nversion: 1.0.0\nsummary: Security questions for a vendor.\nsections:\n  - id: access\n    title: Access\n    items:\n      - id: mfa\n        question: Does the vendor enforce MFA?\n        why: Stolen passwords are the commonest way in.\n        fix: Ask for MFA on every account that reaches your systems.\n        severity: major\n',
  );
  const anHourAgo = new Date(Date.now() - 3600_000);
  utimesSync(file, anHourAgo, anHourAgo);
  return dir;
}

describe('what each command of the built CLI loads', () => {
  it('--version loads no module of the built CLI', () => {
    const loaded = loadedBy(['--version']);
    expect(loaded.built).toBe(false);
    expect([...loaded.sources]).toEqual([]);
  });

  it('--help loads commander and the program, none of the libraries the commands use', () => {
    const loaded = loadedBy(['--help']);
    expect(loaded.built).toBe(true);
    expect(loaded.sources.has('node_modules/commander')).toBe(true);
    expect(heavyIn(loaded)).toEqual([]);
  });

  it('check --answers reads the answers with zod, and builds no playbook schema: the bundled playbooks come from the build cache', () => {
    const loaded = loadedBy(['check', '--answers', example, '--out', '-', '--no-input']);
    expect(loaded.sources.has('src/cli/commands/check.ts')).toBe(true);
    expect(heavyIn(loaded)).toEqual(['zod', 'jsYaml']);
  });

  it('playbooks validate, with the bundled playbooks only, parses none of them: each still has the digest the build stored', () => {
    const loaded = loadedBy(['playbooks', 'validate']);
    expect(loaded.sources.has('src/cli/commands/playbooks.ts')).toBe(true);
    expect(heavyIn(loaded)).toEqual([]);
  });

  it('checklist --type and template load no answers reader and no parser', () => {
    expect(heavyIn(loadedBy(['checklist', '--type', 'agency']))).toEqual([]);
    expect(heavyIn(loadedBy(['template', '--type', 'bpo']))).toEqual([]);
  });

  it('playbooks list with custom playbooks loads the parser on the first run only; once cached, no zod and no YAML reader', () => {
    const folder = customFolder();
    const home = path.join(tempDir(), 'home');
    const first = loadedBy(['--playbooks', folder, 'playbooks', 'list'], { OUTSOURCE_CHECK_HOME: home });
    expect(heavyIn(first)).toEqual(expect.arrayContaining(['zod', 'jsYaml', 'playbookSchema', 'playbookParser']));
    const warm = loadedBy(['--playbooks', folder, 'playbooks', 'list'], { OUTSOURCE_CHECK_HOME: home });
    expect(warm.sources.has('src/io/playbook-cache.ts')).toBe(true);
    expect(heavyIn(warm)).toEqual([]);
  });

  it('an installed bundled playbook edited since the build is parsed, parser and all, and the edit shows', () => {
    const install = tempDir();
    for (const entry of ['package.json', 'bin', 'dist', 'playbooks', 'schema']) cpSync(path.join(ROOT, entry), path.join(install, entry), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'), 'dir');
    const untouched = loadedBy(['playbooks', 'list', '--json'], {}, install);
    expect(heavyIn(untouched)).toEqual([]);
    const file = path.join(install, 'playbooks', 'growth.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: Growth$/m, 'title: Growth, edited'));
    const edited = loadedBy(['playbooks', 'list', '--json'], {}, install);
    expect(heavyIn(edited)).toEqual(expect.arrayContaining(['zod', 'jsYaml', 'playbookSchema', 'playbookParser']));
    const titles = (JSON.parse(edited.stdout) as { id: string; title: string }[]).map((p) => `${p.id}: ${p.title}`);
    expect(titles).toContain('growth: Growth, edited');
  });

  it('check --answers with cached custom playbooks loads no parser, and one whose cached sections are damaged gives the same report', () => {
    const folder = customFolder();
    const home = path.join(tempDir(), 'home');
    const answers = path.join(tempDir(), 'answers.yaml');
    writeFileSync(answers, 'format: outsource-check/answers@1\nengagement:\n  vendor: Acme\n  type: agency\nplaybooks: [vendor-security]\nanswers:\n  vendor-security/mfa: partly\n');
    const args = ['--playbooks', folder, 'check', '--answers', answers, '--out', '-', '--no-input'];
    const first = loadedBy(args, { OUTSOURCE_CHECK_HOME: home });
    expect(first.stdout).toContain('Does the vendor enforce MFA?');
    const warm = loadedBy(args, { OUTSOURCE_CHECK_HOME: home });
    expect(heavyIn(warm)).toEqual(['zod', 'jsYaml']);
    // The cached sections edited in place, same length: their digest no longer matches, and the file is parsed instead.
    const cacheDir = path.join(home, 'cache', 'playbooks');
    const entry = path.join(cacheDir, readdirSync(cacheDir).find((n) => n !== 'index.json' && n.endsWith('.json')) ?? '');
    const [header, summary, body] = readFileSync(entry, 'utf8').split('\n');
    writeFileSync(entry, `${header}\n${summary}\n${body!.replace('"Does the vendor', '"Dose the vendor')}`);
    const damaged = loadedBy(args, { OUTSOURCE_CHECK_HOME: home });
    expect(heavyIn(damaged)).toEqual(expect.arrayContaining(['playbookParser']));
    expect(damaged.stdout).toBe(warm.stdout);
  });
});
