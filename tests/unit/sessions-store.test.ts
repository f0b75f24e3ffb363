import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { SessionLockedError } from '../../src/errors.js';
import { lockFileOf, lockSession, tryLock } from '../../src/io/lock.js';
import { createSession, listSessions, type SkippedSession } from '../../src/io/sessions.js';
import { PassThrough } from 'node:stream';
import { deleteSessionsCommand } from '../../src/cli/commands/sessions.js';
import { tempDirs } from '../support/cli.js';

const PRIVACY = { notice: () => {} };

const tempDir = tempDirs('oc-store-');

const session = (vendor = 'Acme'): AnswersFile => ({ format: ANSWERS_FORMAT, engagement: { vendor, type: 'agency' }, answers: {}, meta: { started: '2026-11-28T10:00:00Z', updated: '2026-11-28T10:00:00Z' } });

/** A process that is alive for the test, standing in for another terminal. */
const others: ChildProcess[] = [];
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  others.push(child);
  return child.pid ?? 0;
}
afterEach(() => {
  for (const child of others.splice(0)) child.kill();
});

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function holdAs(file: string, holder: { pid: number; host: string; since?: string }): void {
  writeFileSync(lockFileOf(file), JSON.stringify({ since: '2026-11-28T10:00:00.000Z', ...holder }));
}

describe('a session open in one interview is locked', () => {
  it('refuses a second interview while another live process holds it, with exit 75 and a way to read it', () => {
    const file = path.join(tempDir(), 'acme.yaml');
    holdAs(file, { pid: otherProcess(), host: hostname() });
    let error: unknown;
    try {
      lockSession(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SessionLockedError);
    expect((error as SessionLockedError).exitCode).toBe(75);
    expect((error as SessionLockedError).message).toContain('is open in another outsource-check (process');
    expect((error as SessionLockedError).message).toContain(`outsource-check report ${file} --out -`);
  });

  it('takes over a lock whose process died (kill -9 leaves one)', () => {
    const file = path.join(tempDir(), 'acme.yaml');
    holdAs(file, { pid: deadPid(), host: hostname() });
    const lock = lockSession(file);
    expect(JSON.parse(readFileSync(lockFileOf(file), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockFileOf(file))).toBe(false);
  });

  it('another machine’s lock holds for a day without a save, then is stale', () => {
    const file = path.join(tempDir(), 'acme.yaml');
    holdAs(file, { pid: 1, host: 'elsewhere.example' });
    expect(tryLock(file)).toEqual({ heldBy: { pid: 1, host: 'elsewhere.example', since: '2026-11-28T10:00:00.000Z' } });
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    utimesSync(lockFileOf(file), old, old);
    expect('lock' in tryLock(file)).toBe(true);
  });

  it('release leaves a lock that is no longer its own', () => {
    const file = path.join(tempDir(), 'acme.yaml');
    const lock = lockSession(file);
    holdAs(file, { pid: otherProcess(), host: hostname() });
    lock.release();
    expect(existsSync(lockFileOf(file))).toBe(true);
  });
});

describe('new session files are created exclusively', () => {
  it('two sessions for one vendor started in the same second get two files', () => {
    const home = tempDir();
    const started = new Date('2026-11-28T10:00:00Z');
    const a = createSession({ OUTSOURCE_CHECK_HOME: home }, 'acme', started, session(), PRIVACY);
    const b = createSession({ OUTSOURCE_CHECK_HOME: home }, 'acme', started, session(), PRIVACY);
    expect(path.basename(a.file)).toBe('acme-20261128T100000Z.yaml');
    expect(path.basename(b.file)).toBe('acme-20261128T100000Z-2.yaml');
    a.lock.release();
    b.lock.release();
  });

  it('skips a name another process is creating right now (its lock is there, its file not yet)', () => {
    const home = tempDir();
    const dir = path.join(home, 'sessions');
    mkdirSync(dir, { recursive: true });
    holdAs(path.join(dir, 'acme-20261128T100000Z.yaml'), { pid: otherProcess(), host: hostname() });
    const created = createSession({ OUTSOURCE_CHECK_HOME: home }, 'acme', new Date('2026-11-28T10:00:00Z'), session(), PRIVACY);
    expect(path.basename(created.file)).toBe('acme-20261128T100000Z-2.yaml');
    created.lock.release();
  });
});

describe('listing the sessions folder', () => {
  it('skips a FIFO without opening it, and damaged or unreadable files, with one warning each', () => {
    const home = tempDir();
    const dir = path.join(home, 'sessions');
    mkdirSync(dir, { recursive: true });
    const good = createSession({ OUTSOURCE_CHECK_HOME: home }, 'acme', new Date('2026-11-28T10:00:00Z'), session(), PRIVACY);
    good.lock.release();
    expect(spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]).status).toBe(0);
    writeFileSync(path.join(dir, 'damaged.yaml'), 'format: outsource-check/answers@1\nengagement: [\n');
    mkdirSync(path.join(dir, 'folder.yaml'));
    const skipped: SkippedSession[] = [];
    const sessions = listSessions({ OUTSOURCE_CHECK_HOME: home }, PRIVACY, (s) => skipped.push(s));
    expect(sessions.map((s) => s.file)).toEqual([good.file]);
    expect(skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`)).toEqual([
      expect.stringMatching(/^damaged\.yaml: damaged \(\d+:\d+: .+\)$/),
      'fifo.yaml: not a regular file',
      'folder.yaml: not a regular file',
    ]);
    expect(readdirSync(dir)).toContain('fifo.yaml');
  });

  it('removes temporary files of dead processes from the sessions folder', () => {
    const home = tempDir();
    const dir = path.join(home, 'sessions');
    mkdirSync(dir, { recursive: true });
    const dead = deadPid();
    const live = otherProcess();
    writeFileSync(path.join(dir, `.acme.yaml.${dead}.0123abcd.tmp`), 'half a session');
    writeFileSync(path.join(dir, `.acme.yaml.${live}.0123abcd.tmp`), 'being written');
    listSessions({ OUTSOURCE_CHECK_HOME: home }, PRIVACY);
    expect(readdirSync(dir)).toEqual([`.acme.yaml.${live}.0123abcd.tmp`]);
  });

  it('reports a file it may not read', () => {
    const home = tempDir();
    const dir = path.join(home, 'sessions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'secret.yaml'), 'x');
    chmodSync(path.join(dir, 'secret.yaml'), 0o000);
    const skipped: SkippedSession[] = [];
    listSessions({ OUTSOURCE_CHECK_HOME: home }, PRIVACY, (s) => skipped.push(s));
    // root reads it anyway, and then it is damaged rather than unreadable.
    expect(skipped.map((s) => s.reason)).toEqual([process.getuid?.() === 0 ? expect.stringMatching(/^damaged/) : 'cannot be read (permission denied)']);
  });
});

describe('sessions delete', () => {
  it('keeps a session that is open in another interview, and deletes the rest', async () => {
    const home = tempDir();
    const env = { OUTSOURCE_CHECK_HOME: home };
    const open = createSession(env, 'acme', new Date('2026-11-28T10:00:00Z'), session(), PRIVACY);
    open.lock.release();
    holdAs(open.file, { pid: otherProcess(), host: hostname() });
    const idle = createSession(env, 'beta', new Date('2026-11-28T10:00:00Z'), session('Beta'), PRIVACY);
    idle.lock.release();
    const err = new PassThrough();
    let text = '';
    err.on('data', (c: Buffer) => (text += c.toString('utf8')));
    await deleteSessionsCommand(
      { cwd: home, env, stdout: new PassThrough(), stderr: err, stdinIsTTY: false, stderrIsTTY: false, now: () => new Date() },
      { playbooks: [], color: false, input: false, names: [], empty: true, force: false, yes: true },
    );
    expect(existsSync(open.file)).toBe(true);
    expect(existsSync(idle.file)).toBe(false);
    expect(text).toContain('kept acme-20261128T100000Z (Acme, unfinished, 0 answered): it is open in another outsource-check');
  });
});
