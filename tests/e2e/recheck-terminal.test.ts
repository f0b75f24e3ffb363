/**
 * `check --recheck FILE` in a real terminal: tmux runs the built binary in an
 * 80x30 window, the test types keys and reads the screen. These tests need
 * tmux and fail (not skip) without it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/sync';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry, AnswersFile } from '../../src/assessment/answers-schema.js';
import { shellQuote } from '../../src/terminal/shell.js';
import { itemKeys } from '../support/playbooks.js';
import { currentQuestion, isSelect, REVIEW, terminalSuite, type Question } from '../support/terminal-screen.js';

const TEST_TIMEOUT = 120_000;
const DAY = 86_400_000;

const { tmux, workspace, launch, enter } = terminalSuite(`oc-recheck-${process.pid}`, 'oc-recheck-');

const MANAGEMENT = itemKeys('management');

const STALE_QUESTION = 'Does each person at the vendor use a named account you can revoke, with only the access they need?';
const OPEN_QUESTION = 'Does the contract include an exit plan for handing the work back to you or to a new vendor?';
const FRESH_QUESTION = 'Does the contract require a monthly report with fixed contents by a set date?';

describe('check --recheck in a real terminal', () => {
  it(
    'asks only the stale and the unanswered items, keeps the rest, and writes a new session and a new report',
    async () => {
      const { cwd, home } = workspace();
      const sessionsDir = path.join(home, 'sessions');
      mkdirSync(sessionsDir, { recursive: true });

      // Answered two days ago, except access control (three-monthly, answered in January 2025) and the exit plan (never answered).
      const recent = new Date(Date.now() - 2 * DAY).toISOString();
      const answers: Record<string, AnswerEntry> = Object.fromEntries(MANAGEMENT.map((key) => [key, { answer: 'yes', answered: recent }]));
      answers['management/access-control'] = { answer: 'yes', note: 'Shared admin login retired', answered: '2025-01-10T09:00:00Z' };
      answers['management/exit-plan'] = null;
      const old: AnswersFile = {
        format: 'outsource-check/answers@1',
        engagement: { vendor: 'Mike Ltd', type: 'agency' },
        playbooks: ['management'],
        answers,
        meta: { started: recent, updated: recent, finished: recent, playbook_versions: { management: '1.0.0' } },
      };
      const oldFile = path.join(sessionsDir, 'mike-ltd-old.yaml');
      const oldText = `# outsource-check session\n${stringify(old)}`;
      writeFileSync(oldFile, oldText);

      const { session } = launch({ cwd, home }, `check --recheck ${shellQuote(oldFile)}`);
      const first = await tmux.waitFor(session, (s) => isSelect(s) && s.includes('[1/'), 'the first question');
      expect(first).toContain('Re-checking 2 items for Mike Ltd; the other answers are kept.');

      // Enter at each question: the stale answer is the default, the open one starts at Yes.
      const asked: Question[] = [];
      let screen = first;
      for (let guard = 0; !screen.includes(REVIEW); guard += 1) {
        if (guard > 10) throw new Error(`more questions than expected:\n${screen}`);
        asked.push(currentQuestion(screen));
        await enter(session, screen);
        screen = await tmux.waitFor(session, (s) => isSelect(s) && (s.includes(REVIEW) || currentQuestion(s).text !== asked.at(-1)?.text), 'the next prompt');
      }
      expect(asked).toEqual([
        { position: '[1/2]', text: STALE_QUESTION },
        { position: '[2/2]', text: OPEN_QUESTION },
      ]);
      expect(asked.map((q) => q.text)).not.toContain(FRESH_QUESTION);

      // The review starts on "Finish".
      tmux.keys(session, 'Enter');
      expect(await tmux.exitCode(session)).toBe(0);

      // The old session is kept as it was; a new one holds the re-checked answers and the rest unchanged.
      expect(readFileSync(oldFile, 'utf8')).toBe(oldText);
      const saved = readdirSync(sessionsDir).filter((f) => f.endsWith('.yaml'));
      expect(saved).toHaveLength(2);
      const newFile = path.join(sessionsDir, saved.find((f) => f !== 'mike-ltd-old.yaml') ?? '');
      expect(path.basename(newFile)).toMatch(/^mike-ltd-\d{8}T\d{6}Z(-\d+)?\.yaml$/);
      const updated = parse(readFileSync(newFile, 'utf8')) as AnswersFile;
      expect(updated.meta?.finished).toBeDefined();
      const entry = (key: string) => updated.answers?.[key] as { answer?: string; note?: string; answered?: string } | undefined;
      expect(entry('management/access-control')).toMatchObject({ answer: 'yes', note: 'Shared admin login retired' });
      expect(Date.parse(entry('management/access-control')?.answered ?? '')).toBeGreaterThan(Date.parse(recent));
      expect(entry('management/exit-plan')).toMatchObject({ answer: 'yes' });
      for (const key of MANAGEMENT.filter((k) => k !== 'management/access-control' && k !== 'management/exit-plan')) {
        expect(updated.answers?.[key], key).toEqual({ answer: 'yes', answered: recent });
      }

      // A new report, with nothing due any more.
      const reports = readdirSync(cwd).filter((f) => /^outsource-readiness-mike-ltd-\d{4}-\d\d-\d\d\.md$/.test(f));
      expect(reports).toHaveLength(1);
      const report = readFileSync(path.join(cwd, reports[0] ?? ''), 'utf8');
      expect(report).toMatch(/^# Outsourcing readiness: Mike Ltd\n/);
      expect(report).not.toContain('**due now**');
      expect(lint({ strings: { report } }).toString()).toBe('');
      const history = tmux.capture(session, { history: true, join: true });
      expect(history).toContain(`Report:    ${path.join(cwd, reports[0] ?? '')}`);
      expect(history).toContain(`Answers:   ${newFile}`);
    },
    TEST_TIMEOUT,
  );
});
