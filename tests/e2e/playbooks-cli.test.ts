import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, ROOT, runCli, type CliResult } from '../support/cli.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'playbooks');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** A stack trace line, as Node prints them. */
const STACK_LINE = /\n\s+at /;

let home: string;
let cwd: string;

/**
 * Runs the built CLI from a temp folder with a temp HOME, so nothing of the machine's own state leaks in.
 * stdin is an empty pipe.
 */
function cli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const run = runCli(args, {
    cwd,
    env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share'), XDG_STATE_HOME: path.join(home, '.local/state'), ...env },
    input: '',
    timeoutMs: 60_000,
  });
  // Whatever happens, a user never sees a stack trace.
  expect(run.stderr).not.toMatch(STACK_LINE);
  return run;
}

beforeAll(() => {
  requireBuild();
  home = mkdtempSync(path.join(tmpdir(), 'outsource-check-home-'));
  cwd = path.join(home, 'work');
  mkdirSync(cwd);
  // Copied beside the working folder, so paths in messages are short and relative.
  cpSync(FIXTURES, cwd, { recursive: true });
});

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

const BUNDLED_IDS = ['adaptability', 'alignment', 'communication', 'contract-legal', 'growth', 'management', 'negotiation', 'project-management'];

describe('playbooks validate', () => {
  it('exits 65 on a folder of broken playbooks, printing every problem as file:line:col: message', () => {
    const run = cli(['playbooks', 'validate', 'invalid']);
    expect(run.status).toBe(65);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual([
      'invalid/alias-bomb.yaml:3:8: aliases expand to too many nodes (limit 100); is this an alias bomb?',
      // An answers file lying in a playbooks folder is skipped with a notice, not counted as a problem.
      'invalid/answers.yaml:1:1: warning: skipped: this is an outsource-check answers file, not a playbook',
      'invalid/bad-values.yaml:3:7: `kind` must be one of skill, focus-area, custom, not the text "focus"',
      'invalid/bad-values.yaml:5:10: `version` must be a semantic version such as 1.0.0, not the text "1.0"',
      'invalid/bad-values.yaml:15:19: `severity` must be one of critical, major, minor, not the text "urgent"',
      'invalid/cycle-a.yaml:16:23: `when` conditions form a cycle: cycle-a/first → cycle-b/second → cycle-a/first',
      'invalid/cycle-b.yaml:16:23: `when` conditions form a cycle: cycle-b/second → cycle-a/first → cycle-b/second',
      'invalid/duplicate-ids.yaml:16:13: duplicate item id `one` (first used at line 11); item ids must be unique in a playbook',
      'invalid/duplicate-ids.yaml:21:23: `when` names item `nowhere`, which this playbook does not have',
      'invalid/empty.yaml:1:1: the file is empty; a playbook starts with `format: outsource-check/playbook@2`',
      'invalid/syntax.yaml:4:8: Nested mappings are not allowed in compact mappings',
      'invalid/typo.yaml:15:9: unknown field `severty` (did you mean `severity`?)',
    ]);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^invalid\/[a-z-]+\.yaml:\d+:\d+: \S/);
    expect(lines.at(-1)).toBe('outsource-check: 11 problems found');
    // Every fixture in the folder is broken, so none may be reported as ok.
    expect(run.stdout).not.toMatch(/^ok /m);
  });

  it('reports binary, non-UTF-8 and oversized files as problems, not crashes', () => {
    const dir = path.join(cwd, 'hostile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x66, 0x3a, 0x20, 0x00, 0x01, 0x0a]));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('format: x\nid: y\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    writeFileSync(path.join(dir, 'deep.yaml'), `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    writeFileSync(path.join(dir, 'huge.yaml'), Buffer.alloc(9 * 1024 * 1024, 0x20));
    const run = cli(['playbooks', 'validate', 'hostile']);
    expect(run.status).toBe(65);
    expect(run.stderr.split('\n').slice(0, 4)).toEqual([
      'hostile/binary.yaml:1:4: file is binary (it contains a NUL byte), not YAML text',
      'hostile/deep.yaml:1:101: the document is nested too deeply to load (more than 100 levels)',
      'hostile/huge.yaml:1:1: file is 9.0 MiB, larger than the 8.0 MiB limit',
      'hostile/latin1.yaml:3:11: file is not valid UTF-8 text; save it as UTF-8',
    ]);
  });

  it('exits 0 on a folder of valid playbooks and lists each one', () => {
    const run = cli(['playbooks', 'validate', 'valid']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(['ok  valid/communication.yaml  (communication, 1 items)', 'ok  valid/vendor-onboarding.yaml  (vendor-onboarding, 2 items)', '2 playbooks valid', ''].join('\n'));
  });

  it('validates a single file given by path', () => {
    const run = cli(['playbooks', 'validate', 'valid/vendor-onboarding.yaml']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ok  valid/vendor-onboarding.yaml  (vendor-onboarding, 2 items)');
    expect(run.stdout).toContain('1 playbook valid');
  });

  it('validates every bundled playbook when given no path: all 8 are valid', () => {
    const run = cli(['playbooks', 'validate']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const ok = run.stdout.split('\n').filter((l) => l.startsWith('ok  '));
    expect(ok).toHaveLength(8);
    expect(ok.map((l) => /\(([a-z-]+), \d+ items\)$/.exec(l)?.[1]).sort()).toEqual(BUNDLED_IDS);
    expect(run.stdout).toContain('8 playbooks valid');
    expect(readdirSync(path.join(ROOT, 'playbooks')).filter((f) => f.endsWith('.yaml'))).toHaveLength(8);
  });

  it('exits 66 when a path given to validate does not exist', () => {
    const run = cli(['playbooks', 'validate', 'no/such/folder']);
    expect(run.status).toBe(66);
    expect(run.stderr).toContain(path.join(cwd, 'no/such/folder'));
    expect(run.stderr).toContain('no such file');
    expect(run.stdout).toBe('');
  });
});

describe('custom playbooks', () => {
  interface Row {
    id: string;
    origin: string;
    file: string;
    replaces: string | null;
  }

  const listJson = (run: CliResult): Row[] => {
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as Row[];
  };

  it('--playbooks DIR: a custom playbook with a bundled id replaces the bundled one', () => {
    const run = cli(['--playbooks', 'valid', 'playbooks', 'list']);
    expect(run.status).toBe(0);
    const row = run.stdout.split('\n').find((l) => l.startsWith('communication '));
    expect(row).toMatch(/Communication \(house rules\)\s+2\.0\.0\s+1\s+valid\/communication\.yaml \(replaces bundled\)$/);
    expect(run.stdout).toMatch(/^vendor-onboarding .* valid\/vendor-onboarding\.yaml$/m);
    // Still one row per id: 8 bundled ids, one of them replaced, plus one new.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1 + 9);
  });

  it('--playbooks DIR with --json shows origin custom and the file it replaces', () => {
    const rows = listJson(cli(['--playbooks', 'valid', 'playbooks', 'list', '--json']));
    expect(rows.map((r) => r.id).sort()).toEqual([...BUNDLED_IDS, 'vendor-onboarding'].sort());
    expect(rows.find((r) => r.id === 'communication')).toMatchObject({
      origin: 'custom',
      file: path.join(cwd, 'valid', 'communication.yaml'),
      replaces: path.join(ROOT, 'playbooks', 'communication.yaml'),
    });
    expect(rows.find((r) => r.id === 'growth')).toMatchObject({ origin: 'bundled', replaces: null });
  });

  it('OUTSOURCE_CHECK_PLAYBOOKS works the same as --playbooks', () => {
    const rows = listJson(cli(['playbooks', 'list', '--json'], { OUTSOURCE_CHECK_PLAYBOOKS: 'valid' }));
    expect(rows.find((r) => r.id === 'communication')).toMatchObject({ origin: 'custom', file: path.join(cwd, 'valid', 'communication.yaml') });
    expect(rows.find((r) => r.id === 'vendor-onboarding')).toMatchObject({ origin: 'custom', replaces: null });
    const text = cli(['playbooks', 'list'], { OUTSOURCE_CHECK_PLAYBOOKS: 'valid' });
    expect(text.stdout).toContain('valid/communication.yaml (replaces bundled)');
  });

  it('without custom playbooks every playbook is bundled', () => {
    const rows = listJson(cli(['playbooks', 'list', '--json']));
    expect(rows.map((r) => r.id).sort()).toEqual(BUNDLED_IDS);
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['bundled']));
  });

  it('a broken custom playbook stops `playbooks list` with exit 65 and its position', () => {
    const run = cli(['--playbooks', 'invalid/typo.yaml', 'playbooks', 'list']);
    expect(run.status).toBe(65);
    expect(run.stderr).toContain('invalid/typo.yaml:15:9: unknown field `severty` (did you mean `severity`?)');
  });
});

describe('playbooks show', () => {
  it('prints the sections and items of a playbook', () => {
    const run = cli(['--playbooks', 'valid', 'playbooks', 'show', 'vendor-onboarding']);
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Vendor onboarding');
    expect(out).toContain('vendor-onboarding 1.2.0');
    expect(out).toContain('Accounts and access');
    expect(out).toContain('Does every vendor person get a named account rather than a shared login?');
    expect(out).toContain('named-accounts · major, weight 3');
    expect(out).toContain('access-reviewed · minor, weight 1');
    expect(out).toContain('asked when named-accounts is yes or partly');
    expect(out).toContain('Clause (change-exit): Return and revocation of credentials on exit');
    // Questions come in playbook order.
    expect(out.indexOf('named-accounts ·')).toBeLessThan(out.indexOf('access-reviewed ·'));
  });

  it('prints a bundled playbook', () => {
    const run = cli(['playbooks', 'show', 'alignment']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^Alignment {2}alignment \d+\.\d+\.\d+ · focus-area · \d+ items$/);
  });

  it('exits 2 for an unknown id', () => {
    const run = cli(['playbooks', 'show', 'nosuch']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no playbook `nosuch`');
    expect(run.stderr).toContain('playbooks list');
    expect(run.stdout).toBe('');
  });

  it('suggests the id meant for a typo', () => {
    const run = cli(['playbooks', 'show', 'comunication']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('did you mean `communication`?');
  });
});

describe('the program', () => {
  it('--version prints the package.json version', () => {
    const run = cli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown flag', () => {
    const run = cli(['playbooks', 'list', '--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
    expect(run.stdout).toBe('');
  });

  it('`schema playbook` prints JSON equal to schema/playbook.schema.json', () => {
    const run = cli(['schema', 'playbook']);
    expect(run.status).toBe(0);
    const printed: unknown = JSON.parse(run.stdout);
    expect(printed).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'playbook.schema.json'), 'utf8')));
    expect(printed).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#' });
  });
});

describe('output into a pipe that closes early', () => {
  it('stops quietly with exit 0 when the reader goes away (`| head -1`)', () => {
    // The JSON result is about 100 KB, more than a pipe holds, so the writer meets the closed pipe.
    const answers = path.join(ROOT, 'examples', 'bpo-call-centre.yaml');
    const script = `node ${JSON.stringify(BIN)} check --answers ${JSON.stringify(answers)} --json | head -1; echo "status=\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout.split('\n')[0]).toBe('{');
    expect(run.stdout).toContain('status=0');
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
