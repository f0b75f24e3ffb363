/**
 * The state folder's privacy rule (src/io/private.ts) and the modes the atomic
 * writer gives: 0700/0600 inside the state folder whatever the umask, the
 * usual mode for a new report and the old mode for an overwritten one.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { InputError, OutputError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { currentUid, openPrivateFile, privateFolders, requireOwnFile, type PrivacyOptions } from '../../src/io/private.js';
import { listSessions, saveSession } from '../../src/io/sessions.js';
import { stateSubfolder } from '../../src/io/state.js';
import { tempDirs } from '../support/cli.js';

const temp = tempDirs('oc-private-');
const mode = (file: string) => statSync(file).mode & 0o777;

function privacy(uid?: number | null): PrivacyOptions & { notices: string[] } {
  const notices: string[] = [];
  return { notices, notice: (line) => notices.push(line), ...(uid !== undefined ? { uid } : {}) };
}

const session: AnswersFile = {
  format: ANSWERS_FORMAT,
  engagement: { vendor: 'Acme', type: 'agency' },
  answers: { 'communication/one-page-brief': { answer: 'partly', note: 'we pay 40k at most', answered: '2026-11-28T10:00:00Z' } },
  meta: { started: '2026-11-28T09:59:00Z', updated: '2026-11-28T10:00:00Z' },
};

let savedUmask = 0;
beforeEach(() => {
  savedUmask = process.umask();
});
afterEach(() => {
  process.umask(savedUmask);
});

describe('inside the state folder: 0700 folders, 0600 files, whatever the umask', () => {
  it('creates a missing OUTSOURCE_CHECK_HOME and its sessions folder 0700, and a session 0600, under umask 000', () => {
    process.umask(0);
    const home = path.join(temp(), 'new', 'home');
    const env = { OUTSOURCE_CHECK_HOME: home };
    const file = path.join(home, 'sessions', 'acme.yaml');
    const p = privacy();
    saveSession(file, session, env, p);
    expect(mode(home)).toBe(0o700);
    expect(mode(path.join(home, 'sessions'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(p.notices).toEqual([]);
  });

  it('creates files 0600 even under a umask that takes the owner write bit', () => {
    process.umask(0o277);
    const file = path.join(temp(), 'lock');
    const fd = openPrivateFile(file);
    closeSync(fd);
    expect(mode(file)).toBe(0o600);
  });

  it('writes a private file 0600 under umask 000, and over a looser one of the same user', () => {
    process.umask(0);
    const dir = temp();
    const file = path.join(dir, 'cache.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    writeFileAtomic(file, 'new', { overwrite: true, private: true });
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('tightens an existing sessions folder and its files, says so in one line, and only the first time', () => {
    const home = temp();
    const sessions = path.join(home, 'sessions');
    mkdirSync(sessions, { mode: 0o755 });
    chmodSync(sessions, 0o755);
    for (const name of ['a.yaml', 'b.yaml']) {
      writeFileSync(path.join(sessions, name), 'x');
      chmodSync(path.join(sessions, name), 0o644);
    }
    const env = { OUTSOURCE_CHECK_HOME: home };
    const p = privacy();
    expect(stateSubfolder(env, 'sessions', 'read', p)).toBe(sessions);
    expect(mode(sessions)).toBe(0o700);
    expect(mode(path.join(sessions, 'a.yaml'))).toBe(0o600);
    expect(mode(path.join(sessions, 'b.yaml'))).toBe(0o600);
    expect(p.notices).toHaveLength(1);
    expect(p.notices[0]).not.toContain('\n');
    expect(p.notices[0]).toContain(`made ${sessions} 0700 (it was 0755)`);
    expect(p.notices[0]).toContain('made 2 files');
    stateSubfolder(env, 'sessions', 'write', p);
    expect(p.notices).toHaveLength(1);
  });

  it('never chmods an existing OUTSOURCE_CHECK_HOME (say /tmp or .), only its own subfolder', () => {
    const home = temp();
    chmodSync(home, 0o755);
    const env = { OUTSOURCE_CHECK_HOME: home };
    saveSession(path.join(home, 'sessions', 'acme.yaml'), session, env, privacy());
    expect(mode(home)).toBe(0o755);
    expect(mode(path.join(home, 'sessions'))).toBe(0o700);
  });

  it('a read of a missing sessions folder creates nothing', () => {
    const home = path.join(temp(), 'none');
    expect(listSessions({ OUTSOURCE_CHECK_HOME: home }, privacy())).toEqual([]);
    expect(existsSync(home)).toBe(false);
  });
});

describe('a folder or file another user owns', () => {
  // Another uid than the one that made the folders, so this runs for any user; the spawned test does it for real as root.
  const stranger = (currentUid() ?? 0) + 4242;

  it('is refused for a save with exit 73, and nothing is written into it', () => {
    const home = temp();
    mkdirSync(path.join(home, 'sessions'));
    const file = path.join(home, 'sessions', 'acme.yaml');
    let thrown: unknown;
    try {
      saveSession(file, session, { OUTSOURCE_CHECK_HOME: home }, privacy(stranger));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputError);
    expect((thrown as OutputError).exitCode).toBe(73);
    expect((thrown as OutputError).message).toMatch(/belongs to another user \(uid \d+\)/);
    expect(readdirSync(path.join(home, 'sessions'))).toEqual([]);
  });

  it('is refused with exit 66 by a command that only reads', () => {
    const home = temp();
    mkdirSync(path.join(home, 'sessions'));
    let thrown: unknown;
    try {
      listSessions({ OUTSOURCE_CHECK_HOME: home }, privacy(stranger));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).exitCode).toBe(66);
  });

  it('is skipped without a word for a cache', () => {
    const dir = temp();
    const p = privacy(stranger);
    expect(privateFolders([dir], 'cache', p)).toBe(false);
    expect(p.notices).toEqual([]);
  });

  it('a file of another user in the state folder is never written over', () => {
    const file = path.join(temp(), 'acme.yaml');
    writeFileSync(file, 'theirs');
    expect(() => requireOwnFile(file, stranger)).toThrow(/acme\.yaml: belongs to another user \(uid \d+\); outsource-check will not write into it/);
    expect(() => requireOwnFile(file, currentUid())).not.toThrow();
    expect(() => requireOwnFile(path.join(path.dirname(file), 'missing.yaml'), stranger)).not.toThrow();
  });
});

describe('where modes mean little (Windows)', () => {
  it('checks nothing, tightens nothing and fails on nothing', () => {
    const home = temp();
    const sessions = path.join(home, 'sessions');
    mkdirSync(sessions);
    chmodSync(sessions, 0o755);
    const p = privacy(null);
    expect(stateSubfolder({ OUTSOURCE_CHECK_HOME: home }, 'sessions', 'write', p)).toBe(sessions);
    expect(mode(sessions)).toBe(0o755);
    expect(p.notices).toEqual([]);
    expect(privateFolders([path.join(home, 'new')], 'write', p)).toBe(true);
    expect(existsSync(path.join(home, 'new'))).toBe(true);
  });
});

describe('outside the state folder: reports, checklists, a session kept elsewhere', () => {
  it('a new file gets the usual mode of a new file there', () => {
    process.umask(0o027);
    const file = path.join(temp(), 'report.md');
    writeFileAtomic(file, 'new', { overwrite: false });
    expect(mode(file)).toBe(0o640);
    process.umask(0);
    const other = path.join(temp(), 'report.md');
    writeFileAtomic(other, 'new', { overwrite: false });
    expect(mode(other)).toBe(0o666);
  });

  it.each(['600', '640', '604'])('overwriting keeps the old file mode 0%s', (octalMode) => {
    const old = parseInt(octalMode, 8);
    process.umask(0o022);
    const file = path.join(temp(), 'report.md');
    writeFileSync(file, 'old');
    chmodSync(file, old);
    writeFileAtomic(file, 'new', { overwrite: true });
    expect(mode(file)).toBe(old);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('a session resumed from a folder of the user keeps its mode, and the folder is not chmod-ed', () => {
    const dir = temp();
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'acme.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    saveSession(file, session, { OUTSOURCE_CHECK_HOME: path.join(temp(), 'home') }, privacy());
    expect(mode(file)).toBe(0o640);
    expect(mode(dir)).toBe(0o755);
  });
});
