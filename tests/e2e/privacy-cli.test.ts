/**
 * The built CLI, spawned: the state folder's rule for commands that only read
 * (history, due), modes kept when a report is overwritten, and the --no-notes
 * flag on each command that writes what a user may share.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT, runCli, tempDirs } from '../support/cli.js';

const temp = tempDirs('oc-privacy-cli-');
const EXAMPLE = path.join(ROOT, 'examples', 'freelancer-web.yaml');
const OTHER = path.join(ROOT, 'examples', 'bpo-call-centre.yaml');
const mode = (file: string) => statSync(file).mode & 0o777;

beforeAll(() => {
  requireBuild();
});

/** Notes of the examples: none may be in a --no-notes output. */
const NOTES = ['Aoife approves', 'Three quotes against the same brief'];

describe('the state folder, for commands that only read', () => {
  it('history and due refuse a sessions folder another user owns with exit 66 (as root, chowned to nobody)', () => {
    expect(process.getuid?.(), 'this test chowns a folder to nobody and must run as root').toBe(0);
    const home = temp();
    const sessions = path.join(home, 'sessions');
    mkdirSync(sessions, { mode: 0o700 });
    copyFileSync(EXAMPLE, path.join(sessions, 'dana.yaml'));
    chownSync(path.join(sessions, 'dana.yaml'), 65534, 65534);
    chownSync(sessions, 65534, 65534);
    for (const command of ['history', 'due']) {
      const r = runCli([command], { cwd: home, env: { OUTSOURCE_CHECK_HOME: home } });
      expect(r.status, r.stderr).toBe(66);
      expect(r.stderr).toContain(`${sessions}: belongs to another user (uid 65534)`);
      expect(r.stdout).toBe('');
    }
    expect(mode(sessions)).toBe(0o700);
  });

  it('history tightens a sessions folder and sessions others could read, in one line, and leaves an existing OUTSOURCE_CHECK_HOME alone', () => {
    const home = temp();
    chmodSync(home, 0o755);
    const sessions = path.join(home, 'sessions');
    mkdirSync(sessions);
    chmodSync(sessions, 0o775);
    copyFileSync(EXAMPLE, path.join(sessions, 'dana.yaml'));
    chmodSync(path.join(sessions, 'dana.yaml'), 0o644);
    const r = runCli(['history'], { cwd: home, env: { OUTSOURCE_CHECK_HOME: home } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Dana Kowalski');
    expect(r.stderr.trimEnd().split('\n')).toEqual([`outsource-check: made ${sessions} 0700 (it was 0775); made 1 file in ${sessions} 0600, so that only you can read your saved answers.`]);
    expect(mode(home)).toBe(0o755);
    expect(mode(sessions)).toBe(0o700);
    expect(mode(path.join(sessions, 'dana.yaml'))).toBe(0o600);
    const again = runCli(['history'], { cwd: home, env: { OUTSOURCE_CHECK_HOME: home } });
    expect(again.stderr).toBe('');
  });
});

describe('overwriting a report keeps its mode', () => {
  it('a 0600 report and a 0640 checklist keep their modes after --force; a new one gets the usual mode', () => {
    const dir = temp();
    const first = runCli(['check', '--answers', EXAMPLE, '--out', 'report.md'], { cwd: dir, env: { OUTSOURCE_CHECK_HOME: temp() } });
    expect(first.status, first.stderr).toBe(0);
    const checklist = /wrote (outsource-checklist-\S+)/.exec(first.stderr)?.[1] ?? '';
    expect(mode(path.join(dir, 'report.md'))).toBe(0o644);
    chmodSync(path.join(dir, 'report.md'), 0o600);
    chmodSync(path.join(dir, checklist), 0o640);
    writeFileSync(path.join(dir, 'report.md'), 'old');
    const again = runCli(['report', EXAMPLE, '--out', 'report.md', '--force'], { cwd: dir, env: { OUTSOURCE_CHECK_HOME: temp() } });
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('# Outsourcing readiness');
    expect(mode(path.join(dir, 'report.md'))).toBe(0o600);
    expect(mode(path.join(dir, checklist))).toBe(0o640);
  });
});

describe('--no-notes on every command that writes something to share', () => {
  const runs: [string, string[], string][] = [
    ['check', ['check', '--answers', EXAMPLE, '--no-notes', '--out', '-'], 'Your notes were left out of this report.'],
    ['report', ['report', EXAMPLE, '--no-notes', '--out', '-'], 'Your notes were left out of this report.'],
    ['report --json', ['report', EXAMPLE, '--no-notes', '--json'], '"notes_omitted": true'],
    ['checklist', ['checklist', '--answers', EXAMPLE, '--no-notes'], 'Your notes were left out of this checklist.'],
    ['compare', ['compare', EXAMPLE, OTHER, '--no-notes'], 'Your notes were left out of this comparison.'],
    ['compare --json', ['compare', EXAMPLE, OTHER, '--no-notes', '--json'], '"notes_omitted": true'],
  ];
  it.each(runs)('%s', (_name, args, line) => {
    const r = runCli(args, { cwd: temp(), env: { OUTSOURCE_CHECK_HOME: temp() } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(line);
    for (const note of NOTES) expect(r.stdout).not.toContain(note);
    const withNotes = runCli(args.filter((a) => a !== '--no-notes'), { cwd: temp(), env: { OUTSOURCE_CHECK_HOME: temp() } });
    expect(withNotes.stdout).not.toContain(line);
    if (!args.includes('compare')) expect(withNotes.stdout).toContain(NOTES[0]);
  });

  it('--help of each command lists --no-notes', () => {
    for (const command of ['check', 'report', 'checklist', 'compare']) {
      const r = runCli([command, '--help'], { cwd: temp() });
      expect(r.stdout).toMatch(/--no-notes +leave your notes out/);
    }
  });
});
