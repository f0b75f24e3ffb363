#!/usr/bin/env node
// Start-up and scale benchmark for the built CLI (run `npm run bench`, which builds first).
//
//   node scripts/bench.mjs [--runs N] [--scale-runs N] [--rss preload|time] [--keep]
//
// 1. Start-up: each case runs N times (default 15) after 2 warm-up runs, round-robin
//    with a bare `node -e 0`, so machine noise hits every case alike. Reports the
//    median wall time, its ratio to the `node -e 0` median, and the peak RSS.
// 2. Scale: generates a custom playbook of 1,000 and one of 10,000 items plus
//    matching answers files, and times the full `check` (load, score, render, write).
// 3. Many custom playbooks: 40 playbooks of 250 items, `playbooks list` and `check
//    --answers` with the parsed-playbook cache warm (ratio to node -e 0) and cold (ms).
//
// Targets are reported as PASS/OVER but never fail the run (these machines are
// noisy); the script exits non-zero only when a measured command itself fails.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = { runs: 15, scaleRuns: 5, warmup: 2, rss: 'preload', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    const int = (name) => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`${name} needs a whole number of at least 1, not ${JSON.stringify(v)}`);
      return n;
    };
    if (flag === '--runs') opts.runs = int('--runs');
    else if (flag === '--scale-runs') opts.scaleRuns = int('--scale-runs');
    else if (flag === '--rss') {
      opts.rss = value();
      if (!['preload', 'time'].includes(opts.rss)) usage('--rss is preload or time');
    } else if (flag === '--keep') opts.keep = true;
    else if (flag === '-h' || flag === '--help') usage(null);
    else usage(`unknown option ${argv[i]}`);
  }
  return opts;
}

function usage(error) {
  const text =
    'usage: node scripts/bench.mjs [--runs N (15)] [--scale-runs N (5)] [--rss preload|time] [--keep]\n' +
    '  --keep  leave the temp dir (generated playbooks and answers) for profiling, and print its path\n';
  if (error) {
    process.stderr.write(`bench: ${error}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

const opts = parseArgs(process.argv.slice(2));

if (opts.rss === 'time' && !existsSync('/usr/bin/time')) {
  process.stderr.write('bench: --rss time needs /usr/bin/time\n');
  process.exit(1);
}

// ---------------------------------------------------------------- measuring

const tmp = mkdtempSync(path.join(os.tmpdir(), 'outsource-check-bench-'));
process.on('exit', () => {
  if (opts.keep) process.stderr.write(`bench: kept ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const cwd = path.join(tmp, 'cwd');
mkdirSync(cwd);

/** Relative imports in the built files that do not resolve: a half-written dist/. */
function missingChunks(dist) {
  const missing = [];
  const files = ['cli.js', ...(existsSync(path.join(dist, 'chunks')) ? readdirSync(path.join(dist, 'chunks')).map((f) => `chunks/${f}`) : [])];
  for (const file of files) {
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      if (!existsSync(path.resolve(path.dirname(path.join(dist, file)), spec))) missing.push(`${file} -> ${spec}`);
    }
  }
  return missing;
}

/**
 * Benchmarks a private copy of the built package (the same layout as an install),
 * so a rebuild of dist/ by someone else during the run cannot break or skew it.
 * Waits a little if dist/ is being rebuilt right now.
 */
function snapshotPackage() {
  const pkgDir = path.join(tmp, 'package');
  for (let attempt = 1; ; attempt++) {
    rmSync(pkgDir, { recursive: true, force: true });
    mkdirSync(pkgDir);
    let problem = null;
    try {
      for (const entry of ['package.json', 'bin', 'dist', 'playbooks', 'schema', 'examples']) {
        if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(pkgDir, entry), { recursive: true });
      }
      // The runtime dependencies left out of the bundle (the `yaml` package) resolve as in an install.
      symlinkSync(path.join(root, 'node_modules'), path.join(pkgDir, 'node_modules'), 'dir');
      if (!existsSync(path.join(pkgDir, 'dist', 'cli.js'))) problem = 'dist/cli.js is missing';
      else {
        const missing = missingChunks(path.join(pkgDir, 'dist'));
        if (missing.length) problem = `dist/ is incomplete (${missing[0]})`;
      }
    } catch (error) {
      problem = `copying the package failed: ${error.message}`;
    }
    if (!problem) return pkgDir;
    if (attempt >= 10) {
      process.stderr.write(`bench: ${problem}; run \`npm run bench\` (it builds first) or \`npm run build\`\n`);
      process.exit(1);
    }
    spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 3000)']); // dist/ may be mid-rebuild: wait 3 s
  }
}

const pkgDir = snapshotPackage();
const bin = path.join(pkgDir, 'bin', 'outsource-check.cjs');
const exampleAnswers = path.join(pkgDir, 'examples', 'freelancer-web.yaml');

// A preload that writes the child's peak RSS (KiB on Linux) to the file named in
// BENCH_RSS_FILE when it exits. Every case, the `node -e 0` baseline included,
// carries it, so its (tiny) cost cancels out of the ratios.
const preload = path.join(tmp, 'rss-preload.cjs');
writeFileSync(
  preload,
  `'use strict';
const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => { try { require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)); } catch {} });
`,
);

// The children get a clean, reproducible environment: no inherited node flags,
// no extra playbooks, no debug, sessions (if any) kept in the temp dir.
const childEnv = { ...process.env, OUTSOURCE_CHECK_HOME: path.join(tmp, 'home'), NO_COLOR: '1' };
for (const name of ['NODE_OPTIONS', 'OUTSOURCE_CHECK_PLAYBOOKS', 'OUTSOURCE_CHECK_DEBUG', 'FORCE_COLOR']) delete childEnv[name];

let rssSeq = 0;

/** Runs `node <nodeArgs>` once; returns wall time (ms), peak RSS (KiB) and the outcome. */
function runNode(nodeArgs, { cwd: dir = cwd, env = {} } = {}) {
  const rssFile = path.join(tmp, `rss-${rssSeq++}.txt`);
  let command = process.execPath;
  let args = ['--require', preload, ...nodeArgs];
  if (opts.rss === 'time') {
    command = '/usr/bin/time';
    args = ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs];
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: dir,
    env: { ...childEnv, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let rssKiB = NaN;
  try {
    rssKiB = Number.parseInt(readFileSync(rssFile, 'utf8').trim().split('\n').pop(), 10);
    unlinkSync(rssFile);
  } catch {
    // no file: the child died before exiting normally; the failure check below reports it
  }
  return { ms, rssKiB, status: result.status, signal: result.signal, error: result.error, stdout: result.stdout, stderr: result.stderr };
}

/** Stops the bench, with the command's own stderr, when a measured command fails. */
function ensureOk(label, nodeArgs, result, extraCheck) {
  const problem = result.error
    ? `could not run: ${result.error.message}`
    : result.status !== 0
      ? `exited ${result.status === null ? `on signal ${result.signal}` : result.status}`
      : extraCheck?.();
  if (!problem) return;
  process.stderr.write(`\nbench: FAILED: ${label}: ${problem}\n  command: node ${nodeArgs.join(' ')}\n`);
  const err = result.stderr?.toString().trim();
  if (err) process.stderr.write(`  stderr:\n${err.replace(/^/gm, '    ')}\n`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
/** The largest measured value; NaN when none was measured. */
const max = (xs) => {
  const known = xs.filter((x) => !Number.isNaN(x));
  return known.length ? Math.max(...known) : NaN;
};
const mib = (kib) => (Number.isNaN(kib) ? '?' : (kib / 1024).toFixed(1));

/**
 * Runs every case `runs` times after `warmup` rounds, round-robin; the starting
 * case rotates each round so no case always runs first after a pause. With
 * `budgetMs`, the measured rounds are cut (to no fewer than `minRuns`) when the
 * warm-up shows they would take longer than that.
 */
function roundRobin(cases, { runs, warmup, budgetMs = Infinity, minRuns = 1, onProgress }) {
  const samples = cases.map(() => ({ ms: [], rss: [] }));
  let rounds = warmup + runs;
  let warmupMs = 0;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      const c = cases[i];
      c.before?.();
      const result = runNode(c.args, c);
      ensureOk(c.label, c.args, result, c.check ? () => c.check(result) : undefined);
      if (round >= warmup) {
        samples[i].ms.push(result.ms);
        samples[i].rss.push(result.rssKiB);
      } else warmupMs += result.ms;
    }
    if (round === warmup - 1) {
      const perRound = warmupMs / warmup;
      const fit = Math.max(minRuns, Math.floor(budgetMs / perRound));
      if (fit < runs) rounds = warmup + fit;
    }
    onProgress?.(round + 1, rounds);
  }
  return { samples, runs: rounds - warmup };
}

// ---------------------------------------------------------------- output

/** An aligned plain-text table; columns whose header starts with a space are left-aligned. */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const left = header.map((h, c) => c === 0 || h.startsWith(' '));
  const line = (r) =>
    r
      .map((cell, c) => (left[c] ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0].map((h) => h.trim())), rule, ...all.slice(1).map(line)].join('\n');
}

const progressOn = process.stderr.isTTY;
function progress(text) {
  if (progressOn) process.stderr.write(`\r\x1b[K${text}`);
}
function progressDone() {
  if (progressOn) process.stderr.write('\r\x1b[K');
}

function gitDescribe() {
  const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' (+ uncommitted changes)' : ''}`;
}

// ---------------------------------------------------------------- header

const benchStart = process.hrtime.bigint();
const cpus = os.cpus();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`outsource-check ${pkg.version} bench, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`);
console.log(`commit     ${gitDescribe()}; dist/ copied to a temp dir at start and run from there`);
console.log(`node       ${process.version} (${process.platform}-${process.arch})`);
console.log(`cpu        ${cpus[0]?.model?.trim() ?? 'unknown'} x ${cpus.length} (${os.availableParallelism?.() ?? cpus.length} available)`);
console.log(`load avg   ${load()} (1/5/15 min, at start)`);
console.log(`runs       start-up ${opts.runs} per case after ${opts.warmup} warm-up, round-robin; scale ${opts.scaleRuns} per size after 1 warm-up`);
console.log(`peak RSS   ${opts.rss === 'time' ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS via a --require preload'}`);
console.log('');

// ---------------------------------------------------------------- 1. start-up

const MEM_TARGET_MIB = 80;
const startupCases = [
  { label: 'node -e 0', args: ['-e', '0'], baseline: true },
  {
    label: '--version',
    args: [bin, '--version'],
    target: 1.15,
    check: (r) => (r.stdout.toString().trim() === pkg.version ? undefined : `printed ${JSON.stringify(r.stdout.toString().trim())}, not ${pkg.version}`),
  },
  { label: '--help', args: [bin, '--help'], target: 1.25, check: (r) => (r.stdout.toString().includes('Usage:') ? undefined : 'printed no usage') },
  { label: 'playbooks validate', args: [bin, 'playbooks', 'validate'], target: 1.6 },
  {
    label: 'check --answers <example> --out -',
    args: [bin, 'check', '--answers', exampleAnswers, '--out', '-', '--no-input'],
    target: 1.6,
    check: (r) => (r.stdout.toString().includes('# Outsourcing readiness') ? undefined : 'printed no report on stdout'),
  },
];

const { samples: startupSamples } = roundRobin(startupCases, {
  runs: opts.runs,
  warmup: opts.warmup,
  onProgress: (done, total) => progress(`start-up: round ${done}/${total}`),
});
progressDone();

// Nothing but the CLI may have written files into the temp cwd (--out - prints the report).
const stray = spawnSync('ls', ['-A', cwd], { encoding: 'utf8' }).stdout?.trim();

const baseMedian = median(startupSamples[0].ms);
const over = [];
const startupRows = startupCases.map((c, i) => {
  const s = startupSamples[i];
  const med = median(s.ms);
  const ratio = med / baseMedian;
  const peak = max(s.rss);
  const timeOk = c.baseline || ratio <= c.target;
  const memOk = peak / 1024 < MEM_TARGET_MIB;
  if (!timeOk) over.push(`${c.label}: ${ratio.toFixed(2)}x node -e 0 (target <= ${c.target}x)`);
  if (!memOk && !Number.isNaN(peak)) over.push(`${c.label}: peak RSS ${mib(peak)} MiB (target < ${MEM_TARGET_MIB} MiB)`);
  return [
    c.label,
    med.toFixed(1),
    Math.min(...s.ms).toFixed(1),
    Math.max(...s.ms).toFixed(1),
    `${ratio.toFixed(2)}x`,
    c.baseline ? '' : `<= ${c.target.toFixed(2)}x`,
    c.baseline ? '' : timeOk ? 'PASS' : 'OVER',
    mib(peak),
    Number.isNaN(peak) ? '?' : memOk ? 'PASS' : 'OVER',
  ];
});

console.log(`1. Start-up (wall time over ${opts.runs} runs; ratio = median / median of node -e 0; memory target < ${MEM_TARGET_MIB} MiB)`);
console.log('');
console.log(table(['case', 'median ms', 'min ms', 'max ms', 'ratio', ' target', ' time', 'peak MiB', ' mem'], startupRows));
if (stray) console.log(`\nnote: files left in the temp cwd by the start-up cases: ${stray.split('\n').join(', ')}`);
console.log('');

// ---------------------------------------------------------------- 2. scale

/** Deterministic pseudo-random numbers, so every run benchmarks the same files. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'vendor contract scope milestone acceptance invoice budget deadline review handover backlog ' +
  'security access credentials deliverable estimate change request risk owner escalation report ' +
  'service level target penalty credit exit transition knowledge documentation testing quality ' +
  'defect release schedule meeting agenda decision record approval payment terms liability ' +
  'insurance intellectual property licence source code repository staging production support ' +
  'onboarding offboarding timezone overlap language reference portfolio interview trial sprint ' +
  'customer team manager lead supplier partner data privacy audit compliance notice period'
).split(' ');

/** A sentence of roughly `min`..`max` characters, made of plain words (safe as YAML). */
function sentence(rand, min, max, { question = false } = {}) {
  const want = min + Math.floor(rand() * (max - min + 1));
  const words = [];
  let len = 0;
  while (len < want) {
    const w = WORDS[Math.floor(rand() * WORDS.length)];
    words.push(w);
    len += w.length + 1;
    if (rand() < 0.08 && len < want - 10) words[words.length - 1] += ',';
  }
  let text = words.join(' ');
  text = text[0].toUpperCase() + text.slice(1);
  return `${text.replace(/,$/, '')}${question ? '?' : '.'}`;
}

/** Folds text the way hand-written playbooks do (`>-` block, lines under ~88 columns). */
function folded(text, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 88 - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return `>-\n${lines.map((l) => `${indent}${l}`).join('\n')}`;
}

const SECTIONS = 10;
const CLAUSE_GROUPS = ['scope', 'performance', 'legal', 'change-exit', 'due-diligence'];

/** Writes the playbook and answers for `n` items into `dir`; returns their paths and sizes. */
function generate(n, dir, { id: pbId = 'bench-scale', seed = n } = {}) {
  const rand = rng(seed);
  const pbDir = path.join(dir, 'playbooks');
  mkdirSync(pbDir, { recursive: true });
  const pb = [
    'format: outsource-check/playbook@1',
    `id: ${pbId}`,
    'kind: custom',
    `title: Bench scale playbook (${n} items)`,
    'version: 1.0.0',
    `summary: ${folded(`A generated playbook of ${n} items in ${SECTIONS} sections for timing the load, score and render path. ${sentence(rand, 80, 160)}`, '  ')}`,
    'sections:',
  ];
  const answers = [
    'format: outsource-check/answers@1',
    'engagement:',
    '  vendor: Bench Ltd',
    '  type: agency',
    `  scope: Generated answers for ${n} items`,
    `playbooks: [${pbId}]`,
    'answers:',
  ];
  const perSection = Math.ceil(n / SECTIONS);
  const ids = [];
  let made = 0;
  for (let s = 0; s < SECTIONS && made < n; s++) {
    pb.push(`  - id: section-${s + 1}`, `    title: ${sentence(rand, 20, 50).slice(0, -1)}`, '    items:');
    for (let k = 0; k < perSection && made < n; k++, made++) {
      const id = `item-${String(made + 1).padStart(5, '0')}-${WORDS[made % WORDS.length]}`;
      const severity = rand() < 0.15 ? 'critical' : rand() < 0.45 ? 'major' : 'minor';
      const item = [
        `      - id: ${id}`,
        `        question: ${sentence(rand, 80, 200, { question: true })}`,
        `        why: ${folded(sentence(rand, 80, 200), '          ')}`,
        `        fix: ${folded(sentence(rand, 80, 200), '          ')}`,
        `        severity: ${severity}`,
      ];
      // About 1 in 7 items only for agencies and BPOs (asked here), 1 in 20 only
      // for freelancers (not asked for this agency engagement).
      if (made % 7 === 3) item.push('        applies_to: [agency, bpo]');
      else if (made % 20 === 11) item.push('        applies_to: [freelancer]');
      // A few follow-ups, each pointing at an earlier item in the same section or playbook.
      if (made % 40 === 25 && ids.length > 0) {
        const target = ids[ids.length - 1 - Math.floor(rand() * Math.min(ids.length, 30))];
        item.push('        when:', `          item: ${target}`, '          is: [yes, partly]');
      }
      // About 1 in 4 items on the pre-contract checklist.
      if (made % 4 === 1) item.push('        clause:', `          group: ${CLAUSE_GROUPS[made % CLAUSE_GROUPS.length]}`, `          text: ${sentence(rand, 40, 120).slice(0, -1)}`);
      pb.push(...item);
      ids.push(id);

      const r = rand();
      const value = r < 0.6 ? 'yes' : r < 0.8 ? 'partly' : r < 0.92 ? 'no' : 'na';
      const key = `${pbId}/${id}`;
      if (value === 'na') answers.push(`  ${key}: { answer: na, note: ${JSON.stringify(sentence(rand, 30, 90))} }`);
      else if (rand() < 0.15) answers.push(`  ${key}:`, `    answer: ${value}`, `    note: ${JSON.stringify(sentence(rand, 40, 160))}`);
      else answers.push(`  ${key}: ${value}`);
    }
  }
  const playbookFile = path.join(pbDir, `${pbId}.yaml`);
  const answersFile = path.join(dir, `answers-${pbId}.yaml`);
  writeFileSync(playbookFile, `${pb.join('\n')}\n`);
  writeFileSync(answersFile, `${answers.join('\n')}\n`);
  return { n, dir, pbDir, answersFile, playbookBytes: statSync(playbookFile).size, answersBytes: statSync(answersFile).size };
}

const sizes = [1000, 10000].map((n) => {
  const dir = path.join(tmp, `scale-${n}`);
  const g = generate(n, dir);
  const out = path.join(dir, 'r.md');
  const args = [bin, '--playbooks', g.pbDir, 'check', '--answers', g.answersFile, '--out', out, '--force', '--no-input'];
  return {
    ...g,
    label: `${n} items`,
    args,
    cwd: dir,
    out,
    check: () => {
      if (!existsSync(out)) return `exited 0 but wrote no report at ${out}`;
      const size = statSync(out).size;
      rmSync(out); // each run must write it afresh
      return size > 0 ? undefined : 'wrote an empty report';
    },
  };
});

// A slow build must not turn the bench into a long wait: cut to 3 runs if needed.
const SCALE_BUDGET_MS = 45_000;
const { samples: scaleSamples, runs: scaleRuns } = roundRobin(sizes, {
  runs: opts.scaleRuns,
  warmup: 1,
  budgetMs: SCALE_BUDGET_MS,
  minRuns: Math.min(3, opts.scaleRuns),
  onProgress: (done, total) => progress(`scale: round ${done}/${total}`),
});
progressDone();

const SCALE_TARGET_MS = 1000;
const scaleMedians = scaleSamples.map((s) => median(s.ms));
const scaleRows = sizes.map((g, i) => {
  const med = scaleMedians[i];
  const ok = g.n !== 10000 || med < SCALE_TARGET_MS;
  if (!ok) over.push(`scale: ${g.n} items took ${med.toFixed(0)} ms (target < ${SCALE_TARGET_MS} ms)`);
  return [
    g.label,
    `${(g.playbookBytes / 1024).toFixed(0)} / ${(g.answersBytes / 1024).toFixed(0)}`,
    med.toFixed(0),
    Math.min(...scaleSamples[i].ms).toFixed(0),
    Math.max(...scaleSamples[i].ms).toFixed(0),
    ((med * 1000) / g.n).toFixed(1),
    mib(max(scaleSamples[i].rss)),
    g.n === 10000 ? `< ${SCALE_TARGET_MS} ms` : '',
    g.n === 10000 ? (ok ? 'PASS' : 'OVER') : '',
  ];
});

const cut = scaleRuns < opts.scaleRuns ? `; cut from ${opts.scaleRuns} to fit the ${SCALE_BUDGET_MS / 1000} s budget` : '';
console.log(`2. Scale (check --answers ... --out r.md --force: load + score + render + write; parsed-playbook cache warm after the warm-up run; median of ${scaleRuns} runs${cut})`);
console.log('');
console.log(table(['playbook', 'KiB pb / answers', 'median ms', 'min ms', 'max ms', 'us/item', 'peak MiB', ' target', ' time'], scaleRows));
const [t1k, t10k] = scaleMedians;
const growth = t10k / t1k;
const marginal = ((t10k - t1k) * 1000) / 9000;
const fixed = t1k - (marginal / 1000) * 1000; // 1k items x marginal us, in ms
console.log('');
console.log(`growth 10k/1k   ${growth.toFixed(2)}x   (10x = linear in items; less means a fixed start-up cost dominates at 1k)`);
console.log(`marginal cost   ${marginal.toFixed(1)} us per extra item   (fixed part about ${fixed.toFixed(0)} ms)`);
if (growth > 12) over.push(`scale: growth ${growth.toFixed(2)}x from 1k to 10k items is worse than linear`);
console.log('');

// ---------------------------------------------------------------- 3. many custom playbooks

// A folder of imported questionnaires: 40 playbooks, 10,000 items in all. Warm runs
// share one state folder, so the parsed-playbook cache is filled by the warm-up round;
// cold runs each start from an empty state folder, so every file is parsed.
const MANY = 40;
const MANY_ITEMS = 10000;
const manyDir = path.join(tmp, 'many');
const manyFiles = Array.from({ length: MANY }, (_, i) => generate(MANY_ITEMS / MANY, manyDir, { id: `library-${String(i + 1).padStart(2, '0')}`, seed: 1000 + i }));
const manyPb = manyFiles[0].pbDir;
// Written an hour ago, as a folder of imported libraries would be: the cache trusts a file's stat only
// once the file is older than its record by a margin, which freshly generated files are not.
const anHourAgo = new Date(Date.now() - 3600_000);
for (const name of readdirSync(manyPb)) utimesSync(path.join(manyPb, name), anHourAgo, anHourAgo);
const manyAnswers = manyFiles[6].answersFile; // names its one playbook, as an imported questionnaire's answers do
const warmHome = path.join(tmp, 'home-warm');
const coldHome = path.join(tmp, 'home-cold');
const clearCold = () => rmSync(coldHome, { recursive: true, force: true });
const listArgs = [bin, '--playbooks', manyPb, 'playbooks', 'list'];
const checkArgs = [bin, '--playbooks', manyPb, 'check', '--answers', manyAnswers, '--out', '-', '--no-input'];
const listsAll = (r) => (r.stdout.toString().includes(`library-${MANY}`) ? undefined : 'did not list every playbook');
const printsReport = (r) => (r.stdout.toString().includes('# Outsourcing readiness') ? undefined : 'printed no report on stdout');
const manyCases = [
  { label: 'node -e 0', args: ['-e', '0'], baseline: true },
  { label: 'playbooks list (warm)', args: listArgs, env: { OUTSOURCE_CHECK_HOME: warmHome }, ratio: 2.5, check: listsAll },
  { label: 'check --answers (warm)', args: checkArgs, env: { OUTSOURCE_CHECK_HOME: warmHome }, ratio: 2.5, check: printsReport },
  { label: 'playbooks list (cold)', args: listArgs, env: { OUTSOURCE_CHECK_HOME: coldHome }, before: clearCold, ms: 1500, check: listsAll },
  { label: 'check --answers (cold)', args: checkArgs, env: { OUTSOURCE_CHECK_HOME: coldHome }, before: clearCold, ms: 1500, check: printsReport },
];
const { samples: manySamples, runs: manyRuns } = roundRobin(manyCases, {
  runs: opts.scaleRuns,
  warmup: 1,
  budgetMs: SCALE_BUDGET_MS,
  minRuns: Math.min(3, opts.scaleRuns),
  onProgress: (done, total) => progress(`many playbooks: round ${done}/${total}`),
});
progressDone();
const manyBase = median(manySamples[0].ms);
const manyRows = manyCases.map((c, i) => {
  const med = median(manySamples[i].ms);
  const ratio = med / manyBase;
  const ok = c.baseline || (c.ratio ? ratio <= c.ratio : med <= c.ms);
  const target = c.baseline ? '' : c.ratio ? `<= ${c.ratio.toFixed(2)}x` : `<= ${c.ms} ms`;
  if (!ok) over.push(`many playbooks: ${c.label}: ${c.ratio ? `${ratio.toFixed(2)}x node -e 0` : `${med.toFixed(0)} ms`} (target ${target})`);
  return [c.label, med.toFixed(0), Math.min(...manySamples[i].ms).toFixed(0), Math.max(...manySamples[i].ms).toFixed(0), `${ratio.toFixed(2)}x`, mib(max(manySamples[i].rss)), target, c.baseline ? '' : ok ? 'PASS' : 'OVER'];
});
const manyKiB = manyFiles.reduce((n, g) => n + g.playbookBytes, 0) / 1024;
console.log(`3. Many custom playbooks (${MANY} playbooks, ${MANY_ITEMS} items, ${manyKiB.toFixed(0)} KiB; warm = parsed-playbook cache filled, cold = empty state folder; median of ${manyRuns} runs)`);
console.log('');
console.log(table(['case', 'median ms', 'min ms', 'max ms', 'ratio', 'peak MiB', ' target', ' time'], manyRows));
console.log('');

// ---------------------------------------------------------------- summary

const elapsed = Number(process.hrtime.bigint() - benchStart) / 1e9;
console.log(over.length ? `over target (machine noise can do this; re-run to confirm):\n${over.map((o) => `  - ${o}`).join('\n')}` : 'all within target');
console.log(`load avg ${load()} at end; bench took ${elapsed.toFixed(0)} s`);
