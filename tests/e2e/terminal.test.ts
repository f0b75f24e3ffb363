/**
 * The built CLI in a real terminal: tmux runs `node bin/outsource-check.cjs`
 * in an 80x30 window, the test types keys and reads the screen. `npm test`
 * builds first; these tests need tmux and fail (not skip) without it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/sync';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/terminal/shell.js';
import { currentQuestion, isInput, isSelect, REVIEW, terminalSuite, type Question, type Run } from '../support/terminal-screen.js';
import { lastLine, SGR } from '../support/tmux.js';
import { BIN } from '../support/cli.js';

const TEST_TIMEOUT = 180_000;

const { tmux, workspace, launch, answer } = terminalSuite(`oc-e2e-${process.pid}`, 'oc-e2e-');

/** The note prompts inside the question loop, named, so a select still being drawn is never taken for one. */
const isNote = (screen: string) => isInput(screen) && /^\? (What is in place|Why does it not apply|Note \()/.test(lastLine(screen));

async function waitForSelect(run: Run, text: string): Promise<string> {
  return tmux.waitFor(run.session, (s) => isSelect(s) && s.includes(text), `a choice prompt showing "${text}"`);
}

async function waitForInput(run: Run, text: string): Promise<string> {
  return tmux.waitFor(run.session, (s) => isInput(s) && lastLine(s).includes(text), `an input prompt "${text}"`);
}

/**
 * Answers every question until the review screen. `choose` gives the keys for
 * a question; `note` the text for a note prompt.
 */
async function answerAll(run: Run, choose: (q: Question, n: number) => string[], note: (prompt: string) => string = () => ''): Promise<{ asked: Question[]; review: string }> {
  const asked: Question[] = [];
  for (let guard = 0; guard < 300; guard += 1) {
    const screen = await tmux.waitFor(run.session, (s) => isSelect(s) || isNote(s), `the prompt after ${asked.length} answers`);
    if (isSelect(screen) && screen.includes(REVIEW)) return { asked, review: screen };
    if (isNote(screen)) {
      const text = note(lastLine(screen));
      await answer(run.session, screen, () => {
        if (text) tmux.type(run.session, text);
        tmux.keys(run.session, 'Enter');
      });
      continue;
    }
    const question = currentQuestion(screen);
    asked.push(question);
    const keys = choose(question, asked.length);
    await answer(run.session, screen, () => tmux.keys(run.session, ...keys));
  }
  throw new Error('more than 300 prompts: the interview does not end');
}

/** Vendor name, type, both regions (the highlighted choice) and scope typed in, then the playbooks: all of them, or only the first. */
async function startNewCheck(run: Run, vendor: string | null, playbooks: 'all' | 'first'): Promise<void> {
  if (vendor !== null) {
    await waitForInput(run, 'Who are you about to hire?');
    tmux.type(run.session, vendor);
    tmux.keys(run.session, 'Enter');
    await waitForSelect(run, '? What kind of engagement is it?');
    tmux.keys(run.session, 'Enter');
  }
  for (const question of ['? Where is your company based?', '? Where is the vendor based?']) {
    const screen = await waitForSelect(run, question);
    await answer(run.session, screen, () => tmux.keys(run.session, 'Enter'));
  }
  await waitForInput(run, 'In a few words, what will they do?');
  tmux.type(run.session, 'web shop rebuild');
  tmux.keys(run.session, 'Enter');
  await tmux.waitFor(run.session, (s) => s.includes('? Which playbooks?') && lastLine(s).includes('space select'), 'the playbook checklist');
  // `i` inverts (all off), Space turns the first one back on.
  if (playbooks === 'first') tmux.keys(run.session, 'i', 'Space');
  tmux.keys(run.session, 'Enter');
  await tmux.waitFor(run.session, playbooks === 'all' ? /Which playbooks\?.* all \d+/ : /Which playbooks\?.* 1 of \d+/, 'the playbook choice confirmed');
}

/** The item lines of the review screen on show, the highlighted one starting with ">". */
function reviewItems(screen: string): string[] {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  return lines.slice(lines.lastIndexOf(REVIEW) + 1).filter((l) => /^[> ] [✔◐✘–○] /.test(l));
}

function files(dir: string, prefix: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.md'));
}

function readReport(cwd: string): string {
  const [report] = files(cwd, 'outsource-readiness-');
  if (!report) throw new Error(`no report in ${cwd}: ${readdirSync(cwd).join(', ')}`);
  return readFileSync(path.join(cwd, report), 'utf8');
}

/** The text of a `## ` section, lines joined, so wrapping does not matter. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end).replace(/\s+/g, ' ');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('outsource-check check in a real terminal', () => {
  it(
    'a complete run writes a report that passes markdownlint and a checklist, and shows the verdict',
    async () => {
      const run = launch(workspace(), 'check');
      await tmux.waitFor(run.session, 'outsource-check: are you ready to hire?', 'the greeting');
      await startNewCheck(run, 'Acme Web Ltd', 'all');
      // Enter is Yes; every fifth question is No, typed as its letter (a number would be "Not sure yet" when the
      // fifth question is a yes/no need question, where No is the second choice, not the third).
      const { asked, review } = await answerAll(run, (_q, n) => (n % 5 === 0 ? ['n'] : ['Enter']));
      expect(asked.length).toBeGreaterThan(30);
      expect(new Set(asked.map((q) => q.text)).size).toBe(asked.length);
      expect(asked[0]?.position).toMatch(/^\[1\/\d+\]$/);
      expect(review).toMatch(/Review: overall \d+/);
      tmux.keys(run.session, 'Enter');
      expect(await tmux.exitCode(run.session)).toBe(0);

      const reports = files(run.cwd, 'outsource-readiness-acme-web-ltd-');
      const checklists = files(run.cwd, 'outsource-checklist-acme-web-ltd-');
      expect(reports).toHaveLength(1);
      expect(checklists).toHaveLength(1);
      const report = readReport(run.cwd);
      expect(lint({ strings: { report } }).toString()).toBe('');
      expect(lint({ strings: { checklist: readFileSync(path.join(run.cwd, checklists[0] ?? ''), 'utf8') } }).toString()).toBe('');
      expect(report).toContain('# Outsourcing readiness: Acme Web Ltd');
      expect(report).toContain('- Scope: web shop rebuild');
      // Every answer given is in the appendix: the Noes as no, the rest as yes.
      const appendix = section(report, 'Appendix: every answer');
      expect(appendix.match(/`: no\. /g)).toHaveLength(Math.floor(asked.length / 5));
      expect(appendix.match(/`: yes\. /g)).toHaveLength(asked.length - Math.floor(asked.length / 5));

      const screen = tmux.capture(run.session, { history: true, join: true });
      expect(screen).toMatch(/^(Ready|Ready, with gaps|Not ready): overall \d+ of 100$/m);
      // The ending names every file by its absolute path, and what to do next.
      expect(screen).toContain(`Report:    ${path.join(run.cwd, reports[0] ?? '')}`);
      expect(screen).toContain(`Checklist: ${path.join(run.cwd, checklists[0] ?? '')}`);
      expect(screen).toMatch(/^Fix first: the \d+ blockers? above|^Nothing blocks/m);
      expect(screen).toContain(`node ${BIN} check --`);
      const saved = parse(readFileSync(/Answers: +(\S+\.yaml)/.exec(screen)?.[1] ?? '', 'utf8')) as { meta?: { finished?: string } };
      expect(saved.meta?.finished).toBeDefined();
    },
    TEST_TIMEOUT,
  );

  it(
    'a closed terminal (the tmux session killed, so the CLI gets SIGHUP) loses no answer already given',
    async () => {
      const where = workspace();
      const run = launch(where, 'check --vendor "Hangup Co" --type freelancer');
      await startNewCheck(run, null, 'first');
      await waitForSelect(run, '[1/');
      tmux.keys(run.session, 'Down', 'Enter');
      await waitForInput(run, 'What is in place');
      tmux.type(run.session, 'before-hangup');
      tmux.keys(run.session, 'Enter');
      await waitForSelect(run, '[2/');
      tmux.keys(run.session, '3', 'Enter');
      await waitForSelect(run, '[3/');
      tmux.killSession(run.session);

      const dir = path.join(where.home, 'sessions');
      const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
      expect(files).toHaveLength(1);
      const saved = parse(readFileSync(path.join(dir, files[0] ?? ''), 'utf8')) as { answers: Record<string, { answer: string; note?: string } | string> };
      const values = Object.values(saved.answers).map((a) => (typeof a === 'string' ? a : a.answer));
      expect(values).toEqual(['partly', 'no']);
      expect(JSON.stringify(saved.answers)).toContain('before-hangup');
      // Nothing half-written is left beside it.
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'Ctrl-C saves, prints the resume command and exits 130; resuming asks the rest and the report has both halves',
    async () => {
      const where = workspace();
      const first = launch(where, 'check --vendor "Ctrl Co" --type freelancer');
      await startNewCheck(first, null, 'first');
      // 1: Partly with a note, 2: Yes, then Ctrl-C at the third question.
      await waitForSelect(first, '[1/');
      tmux.keys(first.session, 'Down', 'Enter');
      await waitForInput(first, 'What is in place');
      tmux.type(first.session, 'before-ctrl-c');
      tmux.keys(first.session, 'Enter');
      await waitForSelect(first, '[2/');
      tmux.keys(first.session, 'Enter');
      await waitForSelect(first, '[3/');
      tmux.keys(first.session, 'C-c');
      expect(await tmux.exitCode(first.session)).toBe(130);

      const screen = tmux.capture(first.session, { history: true, join: true });
      expect(screen).toContain('Interrupted. 2 answers are saved in:\n  ');
      const file = / check --resume (\S+)/.exec(screen)?.[1] ?? '';
      expect(file.startsWith(path.join(where.home, 'sessions'))).toBe(true);
      expect(screen).toContain(`saved in:\n  ${file}`);
      const saved = readFileSync(file, 'utf8');
      expect(saved).toContain('before-ctrl-c');

      const second = launch(where, `check --resume ${shellQuote(file)}`);
      await tmux.waitFor(second.session, 'Resuming', 'the resume message');
      const { asked } = await answerAll(
        second,
        (_q, n) => (n === 1 ? ['4', 'Enter'] : ['Enter']),
        (prompt) => (prompt.includes('Why does it not apply') ? 'after-resume' : ''),
      );
      // Only the questions not answered before the interruption are asked.
      expect(asked[0]?.position).toMatch(/^\[3\/\d+\]$/);
      tmux.keys(second.session, 'Enter');
      expect(await tmux.exitCode(second.session)).toBe(0);

      const appendix = section(readReport(where.cwd), 'Appendix: every answer');
      expect(appendix).toMatch(/`communication\/[a-z-]+`: partly\. [^`]*Note: before-ctrl-c/);
      expect(appendix).toMatch(/`communication\/[a-z-]+`: not applicable\. [^`]*Note: after-resume/);
      expect(appendix.match(/`communication\/[a-z-]+`: yes\. /g)?.length).toBe(asked.length);
    },
    TEST_TIMEOUT,
  );

  it(
    'in the review, an item answered Yes can be changed to No, and the report lists it as a blocker or gap',
    async () => {
      const run = launch(workspace(), 'check --vendor "Back Co" --type freelancer');
      await startNewCheck(run, null, 'first');
      const { review } = await answerAll(run, () => ['Enter']);
      expect(review).toContain('✔ ');
      expect(review).not.toContain('✘ ');

      // Down from "Finish" skips the playbook line and lands on the first item; once more for the second.
      tmux.keys(run.session, 'Down', 'Down');
      const highlighted = await tmux.waitFor(run.session, (s) => isSelect(s) && reviewItems(s).findIndex((l) => l.startsWith('>')) === 1, 'the second item highlighted');
      const label = /^> ✔ (.+)$/m.exec(highlighted)?.[1] ?? '';
      expect(label).not.toBe('');
      tmux.keys(run.session, 'Enter');
      const asked = await tmux.waitFor(run.session, (s) => isSelect(s) && !currentQuestion(s).text.startsWith('Pick an answer'), 'the item asked again');
      const question = currentQuestion(asked).text;
      expect(question.startsWith(label.replace(/…$/, ''))).toBe(true);
      tmux.keys(run.session, '3', 'Enter');
      const after = await tmux.waitFor(run.session, (s) => isSelect(s) && currentQuestion(s).text.startsWith('Pick an answer'), 'the review again');
      // The cursor stays on the changed item, which keeps its place with its new mark.
      expect(reviewItems(after)[1]).toBe(`> ✘ ${label}`);
      // Back up to "Finish" (the list does not wrap, so extra presses stay there).
      tmux.keys(run.session, 'Up', 'Up', 'Up', 'Up');
      await tmux.waitFor(run.session, (s) => isSelect(s) && /^> Finish and write the report/m.test(s), 'Finish highlighted');
      tmux.keys(run.session, 'Enter');
      expect(await tmux.exitCode(run.session)).toBe(0);

      const report = readReport(run.cwd);
      const problems = section(report, 'Blockers') + section(report, 'Gaps');
      expect(problems).toMatch(new RegExp(`\\*\\*${escape(question)}\\*\\* \`communication/[a-z-]+\`: (critical|major|minor), no`));
      expect(section(report, 'Appendix: every answer')).toContain(`: no. ${question}`);
    },
    TEST_TIMEOUT,
  );

  it(
    'NO_COLOR and --no-color draw no colour codes; without them the same screen has colour',
    async () => {
      const screens: Record<string, string> = {};
      for (const [name, args, color] of [
        ['NO_COLOR', '', 'no-color-env'],
        ['--no-color', '--no-color', 'on'],
        ['colour', '', 'on'],
      ] as const) {
        const run = launch(workspace(), `check --vendor Hue --type freelancer ${args}`, { color });
        await startNewCheck(run, null, 'first');
        // No prints the fix; the second question shows the help line, the why and the fix above it.
        await waitForSelect(run, '[1/');
        tmux.keys(run.session, '3', 'Enter');
        await waitForSelect(run, '[2/');
        screens[name] = tmux.capture(run.session, { escapes: true, history: true });
        expect(screens[name]).toContain('To fix:');
        tmux.keys(run.session, 'C-c');
        expect(await tmux.exitCode(run.session)).toBe(130);
      }
      expect(screens.NO_COLOR).not.toMatch(SGR);
      expect(screens['--no-color']).not.toMatch(SGR);
      expect(screens.colour).toMatch(SGR);
    },
    TEST_TIMEOUT,
  );

  it(
    'starting again for a vendor with an unfinished session offers to resume it or start over, and keeps it',
    async () => {
      const where = workspace();
      const first = launch(where, 'check --vendor "Again Co" --type freelancer');
      await startNewCheck(first, null, 'first');
      await waitForSelect(first, '[1/');
      tmux.keys(first.session, 'Enter');
      await waitForSelect(first, '[2/');
      tmux.keys(first.session, 'C-c');
      expect(await tmux.exitCode(first.session)).toBe(130);
      const file = / check --resume (\S+)/.exec(tmux.capture(first.session, { history: true, join: true }))?.[1] ?? '';
      expect(existsSync(file)).toBe(true);

      // Resume it: the interview goes on at the second question, in the same file.
      const again = launch(where, 'check');
      await waitForInput(again, 'Who are you about to hire?');
      tmux.type(again.session, 'Again Co');
      tmux.keys(again.session, 'Enter');
      const offer = await waitForSelect(again, 'Resume it');
      expect(offer.replace(/\s+/g, ' ')).toMatch(/You have an unfinished check for Again Co \(1 answer, last saved \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
      expect(offer).toContain('Start over (the old session is kept)');
      tmux.keys(again.session, 'Enter');
      await waitForSelect(again, '[2/');
      tmux.keys(again.session, 'C-c');
      expect(await tmux.exitCode(again.session)).toBe(130);
      expect(tmux.capture(again.session, { history: true, join: true })).toContain(`1 answer is saved in:\n  ${file}`);

      // Start over: a new session from the first question; the old one is still there as it was.
      const over = launch(where, 'check --vendor "Again Co"');
      await waitForSelect(over, 'Start over');
      tmux.keys(over.session, 'Down', 'Enter');
      await waitForSelect(over, '? What kind of engagement is it?');
      tmux.keys(over.session, 'Enter');
      await startNewCheck(over, null, 'first');
      await waitForSelect(over, '[1/');
      tmux.keys(over.session, 'C-c');
      expect(await tmux.exitCode(over.session)).toBe(130);
      const saved = readdirSync(path.join(where.home, 'sessions')).filter((f) => f.endsWith('.yaml'));
      expect(saved).toHaveLength(2);
      expect(readFileSync(file, 'utf8')).toMatch(/answer: yes/);
    },
    TEST_TIMEOUT,
  );

  it(
    'asks both regions after the type, says how long the check takes, and offers the last regions to the next new check',
    async () => {
      const where = workspace();
      const first = launch(where, 'check --vendor "Region Co" --type bpo');
      let screen = await waitForSelect(first, '? Where is your company based?');
      expect(screen).toContain('Not sure (show the advice for every region)');
      await answer(first.session, screen, () => tmux.keys(first.session, 'Down', 'Down', 'Enter'));
      screen = await waitForSelect(first, '? Where is the vendor based?');
      await answer(first.session, screen, () => tmux.keys(first.session, 'Down', 'Down', 'Down', 'Enter'));
      await waitForInput(first, 'In a few words, what will they do?');
      tmux.keys(first.session, 'Enter');
      await tmux.waitFor(first.session, (s) => s.includes('? Which playbooks?') && lastLine(s).includes('space select'), 'the playbook checklist');
      tmux.keys(first.session, 'Enter');
      screen = await waitForSelect(first, '[1/');
      expect(screen.replace(/\s+/g, ' ')).toMatch(/\d+(–\d+)? questions, about \d+(–\d+)? minutes/);
      tmux.keys(first.session, 'C-c');
      expect(await tmux.exitCode(first.session)).toBe(130);
      const [file] = readdirSync(path.join(where.home, 'sessions')).filter((f) => f.endsWith('.yaml'));
      const saved = parse(readFileSync(path.join(where.home, 'sessions', file ?? ''), 'utf8')) as { engagement: Record<string, string> };
      expect(saved.engagement).toMatchObject({ client_region: 'eu', vendor_region: 'other' });

      const second = launch(where, 'check --vendor "Next Co" --type agency');
      screen = await waitForSelect(second, '? Where is your company based?');
      expect(screen).toMatch(/^> In the EU or EEA/m);
      await answer(second.session, screen, () => tmux.keys(second.session, 'Enter'));
      screen = await waitForSelect(second, '? Where is the vendor based?');
      expect(screen).toMatch(/^> Elsewhere/m);
      tmux.keys(second.session, 'C-c');
      expect(await tmux.exitCode(second.session)).toBe(130);
    },
    TEST_TIMEOUT,
  );

  it(
    'a report already there is a question; Ctrl-C at it says the answers are saved and how to write the report',
    async () => {
      const where = workspace();
      for (const attempt of [1, 2]) {
        // The second time, --restart: a finished check for the vendor would otherwise be offered first.
        const run = launch(where, `check --vendor "Twice Co" --type freelancer${attempt === 2 ? ' --restart' : ''}`);
        await startNewCheck(run, null, 'first');
        await answerAll(run, () => ['Enter']);
        tmux.keys(run.session, 'Enter');
        if (attempt === 1) {
          expect(await tmux.exitCode(run.session)).toBe(0);
          continue;
        }
        const question = await tmux.waitFor(run.session, /already exist\. Overwrite\? \(y\/N\)/, 'the overwrite question');
        expect(question).toContain('outsource-readiness-twice-co-');
        tmux.keys(run.session, 'C-c');
        expect(await tmux.exitCode(run.session)).toBe(130);
        const screen = tmux.capture(run.session, { history: true, join: true });
        const file = /Every answer is saved in (\S+)/.exec(screen)?.[1] ?? '';
        expect(existsSync(file)).toBe(true);
        // Printed as the tool was started, so it works where it is printed.
        expect(screen).toContain(`node ${BIN} report ${file} --out OTHER.md`);
      }
      expect(files(where.cwd, 'outsource-readiness-twice-co-')).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );
});
