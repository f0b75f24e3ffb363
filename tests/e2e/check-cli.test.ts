import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/playbook/registry.js';
import { requireBuild, ROOT, runCli, tempDirs, type CliResult } from '../support/cli.js';
import { runArgs } from '../support/context.js';

// The command line runs in-process (tests/support/context.ts: argument parsing included, a fake context);
// only what a process alone shows (a closed or piped stdin) runs the built binary.

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'answers');

const tempDir = tempDirs('oc-e2e-');

/** A private state folder shared by the file's runs. */
const HOME = tempDir('oc-e2e-home-');

/** Runs the command line in-process; stdin is not a terminal. */
function cli(cwd: string, args: string[]): Promise<CliResult> {
  return runArgs(args, { cwd, env: { OUTSOURCE_CHECK_HOME: HOME } });
}

/** Runs the built binary with stdin closed, or a pipe when `input` is given. */
function spawned(cwd: string, args: string[], input?: string): CliResult {
  return runCli(args, { cwd, env: { OUTSOURCE_CHECK_HOME: HOME }, input });
}

/** A fresh working folder holding copies of the named fixtures, so paths in messages are short and relative. */
function workdir(...fixtures: string[]): string {
  const dir = tempDir();
  for (const f of fixtures) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return dir;
}

function ymd(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The default names for a vendor, on the day the run started or (past midnight) ended. */
function expectedNames(slug: string, before: Date, after: Date): { report: string; checklist: string }[] {
  return [...new Set([ymd(before), ymd(after)])].map((d) => ({ report: `outsource-readiness-${slug}-${d}.md`, checklist: `outsource-checklist-${slug}-${d}.md` }));
}

/** Runs `check`, returning the result and the default file names it should have used. */
async function checkWithDefaults(cwd: string, args: string[], slug: string): Promise<CliResult & { report: string; checklist: string }> {
  const before = new Date();
  const result = await cli(cwd, args);
  const after = new Date();
  const files = readdirSync(cwd);
  const names = expectedNames(slug, before, after).find((n) => files.includes(n.report)) ?? expectedNames(slug, before, after)[0];
  if (!names) throw new Error('no expected names');
  return { ...result, ...names };
}

function lintMd(md: string): string {
  return lint({ strings: { report: md } }).toString();
}

/** Joins wrapped list lines back up, so each list item is one line. */
function unwrap(md: string): string {
  return md.replace(/\n(?! *- ) +/g, ' ');
}

const NO_STACK = /\n\s+at /;

beforeAll(requireBuild);

// ---------------------------------------------------------------------------

describe('check --answers: files, names and overwriting', () => {
  it('writes the report and the checklist under their default names, exit 0, and the report passes markdownlint', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await checkWithDefaults(cwd, ['check', '--answers', 'partial-bpo.yaml'], 'acme-support-ltd');
    expect(r.stderr).toContain(`wrote ${r.report}`);
    expect(r.status).toBe(0);
    expect(r.signal).toBeNull();
    expect(readdirSync(cwd).sort()).toEqual([r.checklist, 'partial-bpo.yaml', r.report].sort());
    const report = readFileSync(path.join(cwd, r.report), 'utf8');
    const checklist = readFileSync(path.join(cwd, r.checklist), 'utf8');
    expect(report).toMatch(/^# Outsourcing readiness: Acme Support Ltd\n/);
    expect(report).toContain('## Verdict: not ready');
    expect(checklist).toMatch(/^# Pre-contract checklist: Acme Support Ltd\n/);
    expect(lintMd(report)).toBe('');
    expect(lintMd(checklist)).toBe('');
    // Data goes to files, messages to stderr: nothing on stdout.
    expect(r.stdout).toBe('');
  });

  it('exits 73 the second time and leaves the files alone; --force overwrites them', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const first = await checkWithDefaults(cwd, ['check', '--answers', 'partial-bpo.yaml'], 'acme-support-ltd');
    expect(first.status).toBe(0);
    const reportFile = path.join(cwd, first.report);
    const checklistFile = path.join(cwd, first.checklist);
    writeFileSync(reportFile, 'edited by hand\n');
    writeFileSync(checklistFile, 'also edited\n');

    const again = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml']);
    expect(again.status).toBe(73);
    expect(again.stderr).toContain('already exists; use --force to overwrite it');
    expect(again.stderr).not.toMatch(NO_STACK);
    expect(readFileSync(reportFile, 'utf8')).toBe('edited by hand\n');
    expect(readFileSync(checklistFile, 'utf8')).toBe('also edited\n');
    // No temporary files left behind.
    expect(readdirSync(cwd).sort()).toEqual([first.checklist, 'partial-bpo.yaml', first.report].sort());

    const forced = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(reportFile, 'utf8')).toMatch(/^# Outsourcing readiness: Acme Support Ltd\n/);
    expect(readFileSync(checklistFile, 'utf8')).toMatch(/^# Pre-contract checklist: Acme Support Ltd\n/);
  });

  it('--out x.md writes the report there and the checklist beside it', async () => {
    const cwd = workdir('partial-bpo.yaml');
    mkdirSync(path.join(cwd, 'reports'));
    const r = await checkWithDefaults(path.join(cwd), ['check', '--answers', 'partial-bpo.yaml', '--out', 'reports/x.md'], 'acme-support-ltd');
    expect(r.status).toBe(0);
    const inReports = readdirSync(path.join(cwd, 'reports'));
    expect(inReports).toContain('x.md');
    expect(inReports.filter((f) => /^outsource-checklist-acme-support-ltd-\d{4}-\d{2}-\d{2}\.md$/.test(f))).toHaveLength(1);
    expect(inReports).toHaveLength(2);
    expect(readFileSync(path.join(cwd, 'reports', 'x.md'), 'utf8')).toMatch(/^# Outsourcing readiness: Acme Support Ltd\n/);
  });

  it('--out - prints the report to stdout and writes nothing', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--out', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Outsourcing readiness: Acme Support Ltd\n/);
    expect(r.stdout).toContain('## Appendix: every answer');
    expect(lintMd(r.stdout)).toBe('');
    expect(readdirSync(cwd)).toEqual(['partial-bpo.yaml']);
  });

  it('--json prints the result object and writes nothing', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { format: string; engagement: { vendor: string; type: string }; verdict: { level: string }; blockers: string[]; items: { key: string; answer: string | null; note: string | null }[] };
    expect(result.format).toBe('outsource-check/report@1');
    expect(result.engagement).toMatchObject({ vendor: 'Acme Support Ltd', type: 'bpo' });
    expect(result.verdict.level).toBe('not-ready');
    // Ramp-up and surge is major for a BPO since playbook growth 2.1.0: service credits and exit block instead.
    expect(result.blockers).toEqual(expect.arrayContaining(['alignment/service-credits', 'management/exit-plan']));
    expect(result.blockers).not.toContain('growth/ramp-and-surge');
    expect(result.items.find((i) => i.key === 'growth/ramp-and-surge')).toMatchObject({ answer: 'no', note: 'Nothing agreed for a spike' });
    expect(readdirSync(cwd)).toEqual(['partial-bpo.yaml']);
  });

  it('exits 73 when the output folder does not exist', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--out', 'no-such-folder/report.md']);
    expect(r.status).toBe(73);
    expect(r.stderr).toContain('no-such-folder/report.md');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readdirSync(cwd)).toEqual(['partial-bpo.yaml']);
  });

  it('exits 73 when the output cannot be created (a path under a regular file)', async () => {
    const cwd = workdir('partial-bpo.yaml');
    writeFileSync(path.join(cwd, 'somefile'), 'not a folder\n');
    const r = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--out', 'somefile/report.md']);
    expect(r.status).toBe(73);
    expect(r.stderr).toContain('somefile/report.md');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readFileSync(path.join(cwd, 'somefile'), 'utf8')).toBe('not a folder\n');
  });
});

describe('check --answers: gates', () => {
  it('rejects --fail-under outside 0-100 with exit 2, before writing anything', async () => {
    const cwd = workdir('partial-bpo.yaml');
    for (const value of ['101', '-1', 'lots']) {
      const r = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--fail-under', value]);
      expect(r.status, value).toBe(2);
      expect(r.stderr, value).toContain('0 to 100');
    }
    expect(readdirSync(cwd)).toEqual(['partial-bpo.yaml']);
  });

  it('--fail-under 99 on a partial answers file exits 1, and the report is still written', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await checkWithDefaults(cwd, ['check', '--answers', 'partial-bpo.yaml', '--fail-under', '99'], 'acme-support-ltd');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the overall score, [\d.]+, is below --fail-under 99/);
    expect(existsSync(path.join(cwd, r.report))).toBe(true);
    expect(existsSync(path.join(cwd, r.checklist))).toBe(true);
  });

  it('--fail-under 0 passes', async () => {
    const cwd = workdir('partial-bpo.yaml');
    expect((await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--fail-under', '0', '--out', '-'])).status).toBe(0);
  });

  it('--strict exits 1 on a not-ready verdict (a critical no), and only with --strict', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const strict = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--strict', '--json']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('the verdict is not ready (--strict)');
    expect(strict.stderr).toContain('alignment/service-credits');
    expect(JSON.parse(strict.stdout)).toMatchObject({ verdict: { level: 'not-ready' } });
    expect((await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--json'])).status).toBe(0);
  });
});

describe('check without answers', () => {
  it.each([
    ['stdin is not a terminal', ['check'], 'this is not an interactive terminal'],
    ['--no-input', ['check', '--no-input'], '--no-input was given'],
    ['no command at all', [], 'this is not an interactive terminal'],
  ])('%s: exit 2 with a way forward, without hanging', async (_name, args, why) => {
    const cwd = workdir();
    const r = spawned(cwd, args);
    // A prompt waiting on a closed stdin would be killed by the timeout instead.
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(why);
    expect(r.stderr).toContain('template');
    expect(r.stderr).toContain('--answers');
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('does not hang with an open pipe on stdin either', async () => {
    const r = spawned(workdir(), ['check'], 'yes\nyes\n');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
  });
});

describe('check --answers: bad input', () => {
  it('exits 66 when the answers file is missing', async () => {
    const cwd = workdir();
    const r = await cli(cwd, ['check', '--answers', 'nope.yaml']);
    expect(r.status).toBe(66);
    expect(r.stderr).toContain('nope.yaml: no such file');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('exits 65 on an invalid answers file, with file:line:col: for every problem and no stack trace', async () => {
    const cwd = workdir('invalid.yaml');
    const r = await cli(cwd, ['check', '--answers', 'invalid.yaml']);
    expect(r.status).toBe(65);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('invalid.yaml:'))).toEqual([
      'invalid.yaml:5:9: `type` must be one of freelancer, agency, bpo, other, not the text "bop" (did you mean `bpo`?)',
      'invalid.yaml:7:33: an answer must be one of yes, partly, no, na, or left empty, not the text "maybe"',
      'invalid.yaml:8:46: unknown field `notes` (did you mean `note`?)',
    ]);
    expect(r.stderr).toContain('outsource-check: 3 problems found');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readdirSync(cwd)).toEqual(['invalid.yaml']);
  });

  it('warns about an unknown id with a suggestion, exits 0, and the report appendix lists it', async () => {
    const cwd = workdir('typo-id.yaml');
    const r = await checkWithDefaults(cwd, ['check', '--answers', 'typo-id.yaml'], 'typo-consulting');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('typo-id.yaml:7:3: warning: answer for `communication/one-page-breif` matches no item');
    expect(r.stderr).toContain('Did you mean `communication/one-page-brief`?');
    const report = readFileSync(path.join(cwd, r.report), 'utf8');
    const appendix = unwrap(report.slice(report.indexOf('## Appendix: every answer')));
    expect(appendix).toContain('### Answers that match no item');
    expect(appendix).toContain('- `communication/one-page-breif`: yes (did you mean `communication/one-page-brief`?) Note: Brief sent on Monday');
    expect(lintMd(report)).toBe('');
  });
});

describe('report FILE', () => {
  it('renders the same report as check --answers', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const viaCheck = await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--out', '-']);
    const viaReport = await cli(cwd, ['report', 'partial-bpo.yaml', '--out', '-']);
    expect(viaReport.status).toBe(0);
    expect(viaReport.stdout).toBe(viaCheck.stdout);
    expect(viaReport.stdout).toMatch(/^# Outsourcing readiness: Acme Support Ltd\n/);
  });

  it('writes the same files under the same names', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await checkWithDefaults(cwd, ['report', 'partial-bpo.yaml'], 'acme-support-ltd');
    expect(r.status).toBe(0);
    const written = readFileSync(path.join(cwd, r.report), 'utf8');
    expect(written).toBe((await cli(cwd, ['check', '--answers', 'partial-bpo.yaml', '--out', '-'])).stdout);
    expect(existsSync(path.join(cwd, r.checklist))).toBe(true);
  });
});

describe('checklist', () => {
  it('--type bpo prints a task list with every clause group to stdout', async () => {
    const cwd = workdir();
    const r = await cli(cwd, ['checklist', '--type', 'bpo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Pre-contract checklist for a BPO engagement\n/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Scope and commercials', '## Performance and governance', '## Legal protections', '## Change and exit', '## Due-diligence file']);
    const tasks = r.stdout.split('\n').filter((l) => l.startsWith('- '));
    expect(tasks.length).toBeGreaterThan(20);
    for (const t of tasks) expect(t).toMatch(/^- \[ \] \S/);
    expect(lintMd(r.stdout)).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--answers ticks the clauses answered yes; open lines name their item', async () => {
    const cwd = workdir('partial-bpo.yaml');
    const r = await cli(cwd, ['checklist', '--answers', 'partial-bpo.yaml']);
    expect(r.status).toBe(0);
    const lines = unwrap(r.stdout).split('\n');
    const line = (key: string) => lines.find((l) => l.includes(`from \`${key}\``)) ?? '';
    // A line names every item that feeds it; each of these heads a line whose items are all yes.
    for (const key of ['communication/single-owner', 'alignment/service-levels', 'contract-legal/processor-terms']) {
      expect(line(key), key).toMatch(/^- \[x\] .*\(in place; from `/);
    }
    // Answered not applicable: neither ticked nor open, but listed under its own heading.
    expect(line('management/reporting-and-audit')).toMatch(/^- Monthly reporting .*\(answered not applicable; from `management\/reporting-and-audit`\)/);
    expect(r.stdout.indexOf('## Not needed for this engagement')).toBeLessThan(r.stdout.indexOf('`management/reporting-and-audit`'));
    expect(line('management/exit-plan')).toMatch(/^- \[ \] .*\(missing; from `management\/exit-plan`\)/);
    expect(line('contract-legal/liability-cap')).toMatch(/^- \[ \] .*\(partly in place; from `contract-legal\/liability-cap`\)/);
    // Fed by two items, one answered no and one not yet: missing, with the note under the line's position.
    expect(line('growth/ramp-and-surge')).toMatch(/^- \[ \] .*\(missing; from `growth\/ramp-and-surge`, `management\/volume-flex`\)$/);
    const at = lines.indexOf(line('growth/ramp-and-surge'));
    expect(lines[at + 1]).toMatch(/^ {2}- Ask for: /);
    expect(lines[at + 2]).toBe('  - Your note on `growth/ramp-and-surge`: Nothing agreed for a spike');
    const open = lines.filter((l) => l.startsWith('- [ ] '));
    expect(open.length).toBeGreaterThan(10);
    for (const l of open) expect(l).toMatch(/from `[a-z-]+\/[a-z0-9-]+`(, `[a-z-]+\/[a-z0-9-]+`)*\)/);
    expect(r.stdout).toMatch(/^# Pre-contract checklist: Acme Support Ltd\n/);
  });

  it('exits 2 with neither --type nor --answers', async () => {
    const r = await cli(workdir(), ['checklist']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--type');
    expect(r.stderr).toContain('--answers');
    expect(r.stdout).toBe('');
  });
});

describe('template', () => {
  const registry = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] });
  // The template is for the signing stage: items set up after signing (stage: onboarding) are not in it.
  const keysFor = (type: 'freelancer' | 'bpo', applies: boolean) =>
    registry.playbooks.flatMap(({ playbook: p }) =>
      p.sections.flatMap((s) =>
        s.items.filter((i) => ((i.applies_to ?? p.applies_to)?.includes(type) ?? true) === applies && (!applies || (i.stage ?? 'signing') === 'signing')).map((i) => `${p.id}/${i.id}`),
      ),
    );

  it('template --type bpo, every answer filled in with yes, then check: exit 0 and verdict ready', async () => {
    const cwd = workdir();
    const template = await cli(cwd, ['template', '--type', 'bpo']);
    expect(template.status).toBe(0);
    const keyLines = template.stdout.split('\n').filter((l) => /^ {2}[a-z0-9-]+\/[a-z0-9-]+:$/.test(l));
    expect(keyLines.length).toBe(keysFor('bpo', true).length);
    const filled = template.stdout.replace(/^( {2}[a-z0-9-]+\/[a-z0-9-]+:)$/gm, '$1 yes').replace('vendor: ""', 'vendor: "Filled In Ltd"');
    writeFileSync(path.join(cwd, 'answers.yaml'), filled);

    const r = await cli(cwd, ['check', '--answers', 'answers.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { verdict: { level: string }; scores: { overall: { percent: number } }; blockers: string[]; gaps: string[]; engagement: { vendor: string } };
    expect(result.engagement.vendor).toBe('Filled In Ltd');
    expect(result.verdict.level).toBe('ready');
    expect(result.scores.overall.percent).toBe(100);
    expect(result.blockers).toEqual([]);
    expect(result.gaps).toEqual([]);
  });

  it('an unfilled template is a valid answers file once it has a vendor', async () => {
    const cwd = workdir();
    const template = (await cli(cwd, ['template', '--type', 'agency'])).stdout.replace('vendor: ""', 'vendor: Someone');
    writeFileSync(path.join(cwd, 'answers.yaml'), template);
    const r = await cli(cwd, ['check', '--answers', 'answers.yaml', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: { level: 'not-ready' }, scores: { overall: { percent: 0 } } });
  });

  it('template --type freelancer lists no bpo-only items', async () => {
    const r = await cli(workdir(), ['template', '--type', 'freelancer']);
    expect(r.status).toBe(0);
    const notForFreelancers = keysFor('freelancer', false);
    expect(notForFreelancers).toEqual(expect.arrayContaining(['growth/ramp-and-surge', 'alignment/csat-in-credits']));
    for (const key of notForFreelancers) expect(r.stdout).not.toContain(`  ${key}:`);
    for (const key of keysFor('freelancer', true)) expect(r.stdout).toContain(`\n  ${key}:\n`);
    expect(r.stdout).toContain('type: freelancer');
  });
});

describe('the README', () => {
  it('shows an answers file that loads and scores without a warning', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(format: outsource-check\/answers@1[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'answers.yaml'), example ?? '');
    const r = await cli(dir, ['check', '--answers', 'answers.yaml', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { items: { key: string; answer: string | null; note: string | null }[] };
    const byKey = new Map(result.items.map((i) => [i.key, i]));
    expect(byKey.get('alignment/service-credits')).toMatchObject({ answer: 'partly', note: 'Drafted, not signed yet' });
    expect(byKey.get('management/volume-flex')).toMatchObject({ answer: 'na' });
  });
});
