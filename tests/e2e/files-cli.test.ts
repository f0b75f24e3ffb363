import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT, runCli, tempDirs } from '../support/cli.js';

// The built binary, as the issue reproduced each defect.

const tempDir = tempDirs('oc-e2e-files-');
const EXAMPLE = path.join(ROOT, 'examples', 'freelancer-web.yaml');

function workdir(): string {
  const dir = tempDir();
  copyFileSync(EXAMPLE, path.join(dir, 'answers.yaml'));
  return dir;
}

const cli = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd, env: { OUTSOURCE_CHECK_HOME: path.join(cwd, 'home'), ...env } });

beforeAll(() => requireBuild());

describe('special files as --out', () => {
  it('a character device given with --force is written into, not replaced', () => {
    const dir = workdir();
    // As root (CI), the issue's own device; otherwise /dev/null, which a normal user can write into too.
    const own = spawnSync('mknod', ['-m', '666', path.join(dir, 'nul'), 'c', '1', '3']).status === 0;
    const out = own ? 'nul' : '/dev/null';
    const r = cli(dir, ['check', '--answers', 'answers.yaml', '--out', out, '--force', '--no-checklist']);
    expect(r.stderr).toMatch(new RegExp(`^wrote ${out}\n`));
    expect(r.status).toBe(0);
    expect(lstatSync(path.resolve(dir, out)).isCharacterDevice()).toBe(true);
  });

  it('--out /dev/stdout prints the report, and no checklist lands in /dev', () => {
    const dir = workdir();
    const r = cli(dir, ['check', '--answers', 'answers.yaml', '--out', '/dev/stdout']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Outsourcing readiness: /);
    expect(r.stderr).toContain('no checklist written: /dev/stdout is a device or pipe');
    expect(readdirSync('/dev').filter((n) => n.startsWith('outsource-'))).toEqual([]);
  });

  it('--out naming the checklist’s own file is a usage error, and nothing is written', () => {
    const dir = workdir();
    const date = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const name = `outsource-checklist-dana-kowalski-freelance-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.md`;
    const r = cli(dir, ['check', '--answers', 'answers.yaml', '--out', name, '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is the name the checklist is written to');
    expect(readdirSync(dir)).toEqual(['answers.yaml']);
  });

  it('an existing checklist stops the run before the report is written', () => {
    const dir = workdir();
    const first = cli(dir, ['check', '--answers', 'answers.yaml']);
    expect(first.status).toBe(0);
    const report = readdirSync(dir).find((n) => n.startsWith('outsource-readiness-')) ?? '';
    spawnSync('rm', [path.join(dir, report)]);
    const r = cli(dir, ['check', '--answers', 'answers.yaml']);
    expect(r.status).toBe(73);
    expect(readdirSync(dir).filter((n) => n.startsWith('outsource-readiness-'))).toEqual([]);
  });
});

describe('usage errors for empty paths and bad vendor names', () => {
  it.each([
    [['check', '--out', ''], "option '-o, --out <path>' argument '' is invalid. the path is empty"],
    [['check', '--answers', ''], "option '-a, --answers <file>' argument '' is invalid. the path is empty"],
    [['checklist', '--type', 'bpo', '--out', ''], 'the path is empty'],
    [['report', ''], 'the path is empty'],
    [['check', '--vendor', '   ', '--type', 'bpo'], '--vendor must not be empty'],
    [['check', '--vendor', 'x'.repeat(201), '--type', 'bpo'], '--vendor must be at most 200 characters'],
  ])('%j exits 2', (args, message) => {
    const r = cli(workdir(), args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('hostile answers files', () => {
  it('4 million brackets under the size cap exit 65 at once, in a small heap', () => {
    const dir = tempDir();
    const n = 4_190_000;
    writeFileSync(path.join(dir, 'deep.yaml'), `x: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    // 96 MB of heap: the parsers used to need 4 GB for this file and died with a V8 stack trace.
    const r = cli(dir, ['check', '--answers', 'deep.yaml', '--out', '-'], { NODE_OPTIONS: '--max-old-space-size=96' });
    expect(r.stderr).toBe('deep.yaml:1:103: the document is nested too deeply to load (more than 100 levels)\noutsource-check: 1 problem found\n');
    expect(r.status).toBe(65);
  });
});

describe('the sessions folder', () => {
  it('history and due skip a FIFO and a damaged file with a warning, and do not hang', () => {
    const dir = tempDir();
    const sessions = path.join(dir, 'home', 'sessions');
    mkdirSync(sessions, { recursive: true });
    expect(spawnSync('mkfifo', [path.join(sessions, 'fifo.yaml')]).status).toBe(0);
    writeFileSync(path.join(sessions, 'broken.yaml'), 'format: outsource-check/answers@1\nengagement: {\n');
    for (const command of ['history', 'due']) {
      const r = cli(dir, [command]);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^warning: skipped home\/sessions\/broken\.yaml: damaged \(\d+:\d+: .+\)$/m);
      expect(r.stderr).toContain('warning: skipped home/sessions/fifo.yaml: not a regular file\n');
    }
  });

  it('a FIFO in a playbooks folder is skipped with a warning, never opened', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'custom'));
    expect(spawnSync('mkfifo', [path.join(dir, 'custom', 'pipe.yaml')]).status).toBe(0);
    const r = cli(dir, ['--playbooks', 'custom', 'playbooks', 'list']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('custom/pipe.yaml:1:1: warning: not a regular file; skipped\n');
  });

  /** A working folder whose state home has a sessions folder, and a finished session for a vendor with one answer long due. */
  const sessionsFolder = () => {
    const dir = tempDir();
    const sessions = path.join(dir, 'home', 'sessions');
    mkdirSync(sessions, { recursive: true });
    return { dir, sessions };
  };
  const session = (vendor: string) =>
    `format: outsource-check/answers@1\nengagement:\n  vendor: ${vendor}\n  type: agency\nplaybooks: [management]\nanswers:\n  management/security-terms: { answer: yes, answered: 2020-01-01T00:00:00Z }\nmeta:\n  started: 2020-01-01T00:00:00Z\n  finished: 2020-01-01T00:00:00Z\n`;

  it('due keeps 鈴木工業 and 山田商事 apart', () => {
    const { dir, sessions } = sessionsFolder();
    writeFileSync(path.join(sessions, 'vendor-20200101T000000Z.yaml'), session('鈴木工業'));
    writeFileSync(path.join(sessions, 'vendor-20200101T000000Z-2.yaml'), session('山田商事'));
    const r = cli(dir, ['due', '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { vendor: string }[]).map((v) => v.vendor).sort()).toEqual(['山田商事', '鈴木工業']);
  });

  it('due aligns its columns for CJK names in the built CLI, where string-width is set up on first use', () => {
    const { dir, sessions } = sessionsFolder();
    writeFileSync(path.join(sessions, 'a-20200101T000000Z.yaml'), session('鈴木工業'));
    writeFileSync(path.join(sessions, 'b-20200101T000000Z.yaml'), session('Acme'));
    const r = cli(dir, ['due']);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((line) => /^(VENDOR|鈴木工業|Acme) /.test(line));
    expect(rows).toHaveLength(3);
    // Each CJK character takes two columns: the DUE column starts at the same column on every row.
    const dueColumn = rows.map((line) => stringWidth(line.slice(0, line.search(/DUE|\d{4}-\d{2}-\d{2}/))));
    expect(dueColumn).toEqual([10, 10, 10]);
  });
});
