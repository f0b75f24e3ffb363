/**
 * Terminal injection, in a real terminal: a playbook whose title, why and fix
 * carry an OSC window title, a cursor-up-and-erase and an OSC 8 hyperlink is
 * interviewed in tmux, and none of them takes effect; the text shows escaped.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { isSelect, REVIEW, terminalSuite } from '../support/terminal-screen.js';

const { tmux, workspace, launch, answer, enter } = terminalSuite(`oc-inject-${process.pid}`, 'oc-inject-');
const HOSTILE_PB = path.join(ROOT, 'tests', 'fixtures', 'playbooks', 'hostile');

describe('text from playbooks in the interview', () => {
  it('an OSC title, a line erase and an OSC 8 link in a playbook do nothing to the terminal, and show escaped', async () => {
    const where = workspace();
    const session = path.join(where.cwd, 'session.yaml');
    writeFileSync(session, 'format: outsource-check/answers@1\nengagement: { vendor: "Acme\\e]0;pwned-vendor\\a", type: agency }\nplaybooks: [hostile]\nanswers: {}\n');
    const run = launch(where, `--playbooks ${HOSTILE_PB} check --resume session.yaml`);
    const titleBefore = tmux.run('display-message', '-p', '-t', run.session, '#{pane_title}').trim();

    const first = await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes('evil'), 'the first question');
    // The line above `why` is still there: the erase did not run.
    expect(first).toMatch(/\[1\/2\] major\nWhy it matters: Erases the line above\\x1b\[1A\\x1b\[2K when printed raw\./);
    expect(first).toContain('Hostile\\x1b]0;pwned-title\\x07Title › Main\\x1b]2;pwned-too\\x1b\\ section');
    expect(first).toContain('Is the \\u202eevil\\u202c text safe\\x9b?');
    await answer(run.session, first, () => tmux.keys(run.session, '3', 'Enter'));
    const fix = await tmux.waitFor(run.session, 'To fix:', 'the fix after a no');
    expect(fix.replace(/\n\s*/g, ' ')).toContain('To fix: Click \\x1b]8;;https://evil.example/\\x1b\\here\\x1b]8;;\\x1b\\ to fix.');

    const second = await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes('A plain question?'), 'the second question');
    await enter(run.session, second);
    const review = await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes(REVIEW), 'the review');
    await enter(run.session, review);
    expect(await tmux.exitCode(run.session)).toBe(0);

    const title = tmux.run('display-message', '-p', '-t', run.session, '#{pane_title}').trim();
    expect(title).toBe(titleBefore);
    expect(title).not.toMatch(/pwned/);
  }, 120_000);
});
