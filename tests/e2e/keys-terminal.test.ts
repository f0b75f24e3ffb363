/**
 * Keys and screen in a real 80-column terminal (tmux): letter shortcuts, Esc
 * back after a resume, Ctrl-C clearing the menu, answers broken between words,
 * colour per answer, and coming back to a vendor whose check is finished.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { currentQuestion, isInput, isSelect, terminalSuite, type Run } from '../support/terminal-screen.js';
import { lastLine } from '../support/tmux.js';

const TEST_TIMEOUT = 120_000;
const { tmux, workspace, launch, answer } = terminalSuite(`oc-keys-${process.pid}`, 'oc-keys-');

const waitQuestion = (run: Run, position: string) => tmux.waitFor(run.session, (s) => isSelect(s) && currentQuestion(s).position.startsWith(position), `question ${position}`);

/** Vendor and type from flags; the scope and the playbooks (the first only) answered here. */
async function start(run: Run): Promise<void> {
  await tmux.waitFor(run.session, (s) => isInput(s) && lastLine(s).includes('In a few words'), 'the scope question');
  tmux.keys(run.session, 'Enter');
  await tmux.waitFor(run.session, (s) => s.includes('? Which playbooks?') && lastLine(s).includes('space select'), 'the playbook checklist');
  tmux.keys(run.session, 'i', 'Space', 'Enter');
}

describe('keys and screen', () => {
  it(
    'letters answer at once, No and Partly are coloured, a long note breaks between words',
    async () => {
      const run = launch(workspace(), 'check --vendor "Keys Co" --type freelancer --client-region eu --vendor-region eu', { color: 'on' });
      await start(run);
      const first = await waitQuestion(run, '[1/');
      expect(first).toMatch(/Yes \(y\)/);
      expect(first).toMatch(/Partly \(p\)/);
      expect(first).toMatch(/y p n a s answer • esc ← back|y p n a s answer/);
      expect(first).not.toContain('Previous question');
      // `n` alone, no Enter: the answer is No, and the fix follows.
      tmux.type(run.session, 'n');
      await tmux.waitFor(run.session, 'To fix:', 'the fix after a No');
      const second = await waitQuestion(run, '[2/');
      expect(second).toContain('esc ← back');
      const note = 'the statement of work is signed but the acceptance criteria are still being written by our product owner this month';
      tmux.type(run.session, 'p');
      await tmux.waitFor(run.session, (s) => isInput(s) && lastLine(s).includes('What is in place'), 'the note prompt');
      tmux.type(run.session, note);
      tmux.keys(run.session, 'Enter');
      await waitQuestion(run, '[3/');
      const coloured = tmux.capture(run.session, { escapes: true, history: true });
      // No in red, Partly in yellow, on the answer lines left on screen.
      expect(coloured).toMatch(/\u001b\[31mNo/);
      expect(coloured).toMatch(/\u001b\[33mPartly/);
      // Lines as the terminal shows them (not joined): read back with a space between them, a word broken at
      // the edge would come apart, so the note is found whole only if every break fell between words.
      const plain = tmux.capture(run.session, { history: true }).split('\n').map((l) => l.trim());
      expect(plain.join(' ').replace(/\s+/g, ' ')).toContain(note);
      tmux.keys(run.session, 'C-c');
      expect(await tmux.exitCode(run.session)).toBe(130);
    },
    TEST_TIMEOUT,
  );

  it(
    'Ctrl-C clears the open menu before "Interrupted"; after a resume, Esc goes back to the last question answered',
    async () => {
      const where = workspace();
      const run = launch(where, 'check --vendor "Back Co" --type freelancer --client-region eu --vendor-region eu');
      await start(run);
      const first = await waitQuestion(run, '[1/');
      const firstText = currentQuestion(first).text;
      await answer(run.session, first, () => tmux.type(run.session, 'y'));
      await waitQuestion(run, '[2/');
      tmux.keys(run.session, 'C-c');
      expect(await tmux.exitCode(run.session)).toBe(130);
      const history = tmux.capture(run.session, { history: true, join: true });
      const before = history.slice(0, history.indexOf('outsource-check: Interrupted'));
      expect(before).not.toContain('↑↓ navigate');
      expect(before).not.toContain('Partly (p)');
      const file = / check --resume (\S+)/.exec(history)?.[1] ?? '';

      const again = launch(where, `check --resume ${file}`);
      const resumed = await waitQuestion(again, '[2/');
      expect(resumed).toContain('esc ← back');
      tmux.keys(again.session, 'Escape');
      const back = await tmux.waitFor(again.session, (s) => isSelect(s) && currentQuestion(s).text === firstText, 'the first question again');
      // Its answer is the default: the cursor is on Yes.
      expect(back).toMatch(/^(>|❯) Yes \(y\)/m);
      tmux.keys(again.session, 'C-c');
      expect(await tmux.exitCode(again.session)).toBe(130);
    },
    TEST_TIMEOUT,
  );

  it(
    'coming back to a vendor whose check is finished: the last result, or a new check with the last answers as defaults',
    async () => {
      const where = workspace();
      const sessions = path.join(where.home, 'sessions');
      mkdirSync(sessions, { recursive: true });
      const old = path.join(sessions, 'done-co-20260101T100000Z.yaml');
      writeFileSync(
        old,
        [
          'format: outsource-check/answers@1',
          'engagement: { vendor: Done Co, type: freelancer }',
          'playbooks: [communication]',
          'answers:',
          '  communication/one-page-brief: { answer: no, note: still a draft, answered: 2026-01-01T10:00:00Z }',
          'meta: { started: 2026-01-01T09:00:00Z, updated: 2026-01-01T10:00:00Z, finished: 2026-01-01T10:00:00Z }',
          '',
        ].join('\n'),
      );
      const see = launch(where, 'check --vendor "Done Co"');
      const menu = await tmux.waitFor(see.session, (s) => isSelect(s) && s.includes('You checked Done Co on 2026-01-01'), 'the come-back menu');
      expect(menu).toContain('See the last result');
      expect(menu).toContain('Start a new check, with your last answers as defaults');
      expect(menu).toMatch(/Not ready: overall \d+ of 100, \d+ blockers?/);
      tmux.keys(see.session, 'Enter');
      expect(await tmux.exitCode(see.session)).toBe(0);
      const shown = tmux.capture(see.session, { history: true, join: true });
      expect(shown).toMatch(/^Not ready: overall \d+ of 100$/m);
      expect(shown).toContain(`report ${old}`);

      const fresh = launch(where, 'check --vendor "Done Co"');
      await tmux.waitFor(fresh.session, (s) => isSelect(s) && s.includes('See the last result'), 'the come-back menu');
      // The last entry, a new check (Down stops there).
      for (let i = 0; i < 3; i += 1) tmux.keys(fresh.session, 'Down');
      tmux.keys(fresh.session, 'Enter');
      const first = await waitQuestion(fresh, '[1/');
      expect(first).toContain('each question shows your last answer');
      // The last answer, No, is where the cursor starts, and its note is shown.
      expect(first).toMatch(/^(>|❯) No \(n\)/m);
      expect(first).toContain('Note: still a draft');
      await answer(fresh.session, first, () => tmux.keys(fresh.session, 'Enter'));
      await waitQuestion(fresh, '[2/');
      tmux.keys(fresh.session, 'C-c');
      expect(await tmux.exitCode(fresh.session)).toBe(130);
      // A new session: the old one is kept as it was.
      const files = readdirSync(sessions).filter((f) => f.startsWith('done-co-'));
      expect(files).toHaveLength(2);
      const newer = parse(readFileSync(path.join(sessions, files.find((f) => !old.endsWith(f)) ?? ''), 'utf8')) as { answers: Record<string, { answer: string; answered: string }> };
      expect(newer.answers['communication/one-page-brief']?.answer).toBe('no');
      expect(newer.answers['communication/one-page-brief']?.answered.startsWith('2026-01-01')).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

describe('sessions delete in a terminal', () => {
  it(
    'lists what it would delete and asks first; No keeps every file, Yes deletes them',
    async () => {
      const where = workspace();
      const sessions = path.join(where.home, 'sessions');
      mkdirSync(sessions, { recursive: true });
      for (const name of ['oops-1', 'oops-2']) {
        writeFileSync(path.join(sessions, `${name}.yaml`), `format: outsource-check/answers@1\nengagement: { vendor: ${name}, type: agency }\nanswers: {}\nmeta: { started: 2026-01-01T09:00:00Z, updated: 2026-01-01T09:00:00Z }\n`);
      }
      const no = launch(where, 'sessions delete --empty');
      const asked = await tmux.waitFor(no.session, /Delete these 2 sessions\? \(y\/N\)/, 'the question');
      expect(asked).toContain('oops-1 (oops-1, unfinished, 0 answered)');
      tmux.keys(no.session, 'n', 'Enter');
      expect(await tmux.exitCode(no.session)).toBe(0);
      expect(tmux.capture(no.session)).toContain('Nothing deleted.');
      expect(readdirSync(sessions)).toHaveLength(2);

      const yes = launch(where, 'sessions delete --empty');
      await tmux.waitFor(yes.session, /Delete these 2 sessions\?/, 'the question');
      tmux.keys(yes.session, 'y', 'Enter');
      expect(await tmux.exitCode(yes.session)).toBe(0);
      expect(readdirSync(sessions)).toHaveLength(0);
    },
    TEST_TIMEOUT,
  );
});
