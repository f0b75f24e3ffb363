/**
 * File modes after real interviews in tmux: under umask 000 the state folder
 * is 0700 and the session 0600 while the report gets a new file's usual mode;
 * resuming a session left readable by others tightens it and says so; a
 * sessions folder another user owns stops the interview before its first question.
 */
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/terminal/shell.js';
import { isInput, isSelect, REVIEW, terminalSuite, type Run } from '../support/terminal-screen.js';
import { lastLine } from '../support/tmux.js';

const TEST_TIMEOUT = 120_000;
const { tmux, workspace, launch, answer } = terminalSuite(`oc-privacy-${process.pid}`, 'oc-privacy-');
const mode = (file: string) => statSync(file).mode & 0o777;

/** Both regions taken as offered, scope typed, the first playbook alone chosen: the shortest real interview. */
async function start(run: Run): Promise<void> {
  for (const question of ['? Where is your company based?', '? Where is the vendor based?']) {
    const screen = await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes(question), `the question "${question}"`);
    await answer(run.session, screen, () => tmux.keys(run.session, 'Enter'));
  }
  await tmux.waitFor(run.session, (s) => isInput(s) && lastLine(s).includes('In a few words, what will they do?'), 'the scope prompt');
  tmux.type(run.session, 'web shop');
  tmux.keys(run.session, 'Enter');
  await tmux.waitFor(run.session, (s) => s.includes('? Which playbooks?') && lastLine(s).includes('space select'), 'the playbook checklist');
  tmux.keys(run.session, 'i', 'Space', 'Enter');
  await tmux.waitFor(run.session, /Which playbooks\?.* 1 of \d+/, 'the playbook choice confirmed');
}

/** Answers `count` questions Partly with a note (or all of them, to the review), Enter for anything else. */
async function answerQuestions(run: Run, count: number, note: string): Promise<void> {
  let answered = 0;
  for (let guard = 0; guard < 200; guard += 1) {
    const screen = await tmux.waitFor(run.session, (s) => isSelect(s) || isInput(s), `the prompt after ${answered} answers`);
    if (isSelect(screen) && screen.includes(REVIEW)) return;
    if (isInput(screen)) {
      await answer(run.session, screen, () => {
        tmux.type(run.session, note);
        tmux.keys(run.session, 'Enter');
      });
      continue;
    }
    if (answered === count) return;
    answered += 1;
    await answer(run.session, screen, () => tmux.keys(run.session, '2', 'Enter'));
  }
  throw new Error('the interview does not end');
}

function sessionFile(home: string): string {
  const dir = path.join(home, 'sessions');
  const names = readdirSync(dir);
  expect(names.filter((n) => n.endsWith('.yaml'))).toHaveLength(1);
  return path.join(dir, names[0] ?? '');
}

describe('file modes in a real terminal', () => {
  it(
    'under umask 000 a whole run keeps the state folder 0700 and the session 0600; the report gets the usual 0666',
    async () => {
      const where = workspace();
      const run = launch(where, 'check --vendor "Mode Co" --type freelancer', { umask: '000' });
      await start(run);
      await answerQuestions(run, Number.POSITIVE_INFINITY, 'private note');
      tmux.keys(run.session, 'Enter');
      expect(await tmux.exitCode(run.session)).toBe(0);

      expect(mode(where.home)).toBe(0o700);
      expect(mode(path.join(where.home, 'sessions'))).toBe(0o700);
      const file = sessionFile(where.home);
      expect(mode(file)).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain('private note');
      const written = readdirSync(where.cwd).filter((n) => n.startsWith('outsource-'));
      expect(written).toHaveLength(2);
      for (const name of written) expect(mode(path.join(where.cwd, name))).toBe(0o666);
    },
    TEST_TIMEOUT,
  );

  it(
    'check --resume of a session others could read makes it and its folder private, says so in one line, and keeps them so',
    async () => {
      const where = workspace();
      const first = launch(where, 'check --vendor "Loose Co" --type freelancer', { umask: '000' });
      await start(first);
      await answerQuestions(first, 1, 'first note');
      tmux.keys(first.session, 'C-c');
      expect(await tmux.exitCode(first.session)).toBe(130);
      const file = sessionFile(where.home);
      expect(mode(file)).toBe(0o600);

      // As an older version, or a hand copy, would have left them.
      chmodSync(path.join(where.home, 'sessions'), 0o755);
      chmodSync(file, 0o644);
      const second = launch(where, `check --resume ${shellQuote(file)}`, { umask: '000' });
      await tmux.waitFor(second.session, 'Resuming', 'the resume message');
      const screen = tmux.capture(second.session, { history: true, join: true });
      const notices = screen.split('\n').filter((l) => l.startsWith('outsource-check: made '));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(`made ${path.join(where.home, 'sessions')} 0700 (it was 0755)`);
      expect(notices[0]).toContain('made 1 file in');
      expect(mode(path.join(where.home, 'sessions'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);

      await answerQuestions(second, 1, 'second note');
      tmux.keys(second.session, 'C-c');
      expect(await tmux.exitCode(second.session)).toBe(130);
      expect(mode(file)).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain('second note');
      expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    },
    TEST_TIMEOUT,
  );

  it(
    'a sessions folder another user owns stops the interview before the first question, with exit 73',
    async () => {
      // The suite runs as root (CI, the dev containers): root ignores permissions, so only the owner's uid can refuse.
      expect(process.getuid?.(), 'this test chowns a folder to nobody and must run as root').toBe(0);
      const where = workspace();
      const sessions = path.join(where.home, 'sessions');
      mkdirSync(sessions, { recursive: true, mode: 0o700 });
      chownSync(sessions, 65534, 65534);
      const run = launch(where, 'check --vendor "Foreign Co" --type freelancer');
      expect(await tmux.exitCode(run.session)).toBe(73);
      const screen = tmux.capture(run.session, { history: true, join: true });
      expect(screen).toContain(`${sessions}: belongs to another user (uid 65534)`);
      expect(screen).not.toContain('In a few words');
      expect(readdirSync(sessions)).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
