/**
 * Two terminals on one session, and signals other than Ctrl-C, with the
 * built CLI in tmux. `npm test` builds first; these tests need tmux.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/terminal/shell.js';
import { isSelect, terminalSuite, type Run } from '../support/terminal-screen.js';
import { lastLine } from '../support/tmux.js';

const TEST_TIMEOUT = 90_000;

const { tmux, workspace, launch, enter } = terminalSuite(`oc-e2e-sessions-${process.pid}`, 'oc-e2e-sessions-');

/** Starts a check for Acme and answers the first question, so a session file exists and is open. */
async function openSession(run: Run): Promise<string> {
  let screen = await tmux.waitFor(run.session, (s) => lastLine(s).startsWith('? In a few words'), 'the scope question');
  await enter(run.session, screen);
  screen = await tmux.waitFor(run.session, (s) => s.includes('? Which playbooks?') && lastLine(s).includes('space select'), 'the playbook checklist');
  await enter(run.session, screen);
  screen = await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes('[1/'), 'the first question');
  await enter(run.session, screen);
  await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes('[2/'), 'the second question');
  const dir = path.join(run.home, 'sessions');
  const [name] = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
  if (!name) throw new Error(`no session file in ${dir}`);
  return path.join(dir, name);
}

const holder = (file: string): number => (JSON.parse(readFileSync(path.join(path.dirname(file), `.${path.basename(file)}.lock`), 'utf8')) as { pid: number }).pid;

const cursorShown = (run: Run): boolean => tmux.run('display-message', '-p', '-t', run.session, '#{cursor_flag}').trim() === '1';

describe('one session, two terminals', () => {
  it(
    'a second terminal resuming an open session is refused with exit 75; after the first ends, it resumes',
    async () => {
      const where = workspace();
      const first = launch(where, 'check --vendor Acme --type freelancer --client-region us --vendor-region us');
      const file = await openSession(first);
      const second = launch(where, `check --resume ${shellQuote(file)}`);
      expect(await tmux.exitCode(second.session)).toBe(75);
      expect(tmux.capture(second.session, { join: true })).toContain('is open in another outsource-check (process');

      process.kill(holder(file), 'SIGTERM');
      expect(await tmux.exitCode(first.session)).toBe(130);
      const third = launch(where, `check --resume ${shellQuote(file)}`);
      await tmux.waitFor(third.session, (s) => isSelect(s) && s.includes('[2/'), 'the resumed interview at the second question');
    },
    TEST_TIMEOUT,
  );
});

describe('SIGTERM and SIGHUP end the interview as Ctrl-C does', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(
      `${signal}: the saved-and-resume message, exit 130, the cursor shown again and the lock gone`,
      async () => {
        const run = launch(workspace(), 'check --vendor Acme --type freelancer --client-region us --vendor-region us');
        const file = await openSession(run);
        expect(cursorShown(run)).toBe(false);
        process.kill(holder(file), signal);
        expect(await tmux.exitCode(run.session)).toBe(130);
        const screen = tmux.capture(run.session, { join: true });
        expect(screen).toContain('Interrupted. 1 answer is saved in:');
        expect(screen).toContain(`check --resume ${shellQuote(file)}`);
        expect(cursorShown(run)).toBe(true);
        expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
      },
      TEST_TIMEOUT,
    );
  }
});
