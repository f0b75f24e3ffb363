// First: this module replaces the prompt functions in '@inquirer/prompts' with ones that draw on a
// virtual screen, so the real adapter below (terminalAsker) runs unchanged against it.
import { screen, wrapPrompt } from '@inquirer/testing/vitest';
import { until } from '../support/prompt-screen.js';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { InterruptedError } from '../../src/errors.js';
import { PLAYBOOK_FORMAT, type Item, type Playbook } from '../../src/playbook/schema.js';
import { makeStyle } from '../../src/terminal/style.js';
import type { Asker } from '../../src/ui/asker.js';
import { runInterview, type InterviewDeps } from '../../src/ui/interview.js';
import { terminalAsker } from '../../src/ui/prompts.js';

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;

// The interview's menu is our own prompt (src/ui/menu.ts): it draws on the same virtual screen.
vi.mock('../../src/ui/menu.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/menu.js')>();
  return { ...actual, menu: wrapPrompt(actual.menu) };
});

/** What the asker wrote itself, outside the prompts: the answer lines it leaves once a menu or input is cleared. */
let written = '';
beforeEach(() => {
  written = '';
});
function asker(color: boolean): Asker {
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return terminalAsker({ color, output });
}

function item(id: string, extra: Partial<Item> = {}): Item {
  return { id, question: `Question ${id}?`, why: `Why ${id} matters.`, fix: `Fix for ${id}.`, severity: 'major', ...extra };
}

const PLAYBOOK: Playbook = {
  format: PLAYBOOK_FORMAT,
  id: 'tiny',
  kind: 'skill',
  title: 'Tiny',
  version: '1.0.0',
  summary: 'Two questions.',
  sections: [{ id: 's', title: 'Section', items: [item('first'), item('second')] }],
};

function interview(): { deps: InterviewDeps; saves: AnswersFile[]; printed: string[] } {
  const saves: AnswersFile[] = [];
  const printed: string[] = [];
  return {
    saves,
    printed,
    deps: {
      asker: asker(false),
      print: (t) => printed.push(t),
      style: makeStyle(false),
      width: 80,
      now: () => new Date('2026-03-01T12:00:00Z'),
      save: (s) => saves.push(structuredClone(s)),
      sessionFile: '/home/me/.local/state/outsource-check/sessions/acme.yaml',
    },
  };
}

const START: AnswersFile = { format: ANSWERS_FORMAT, engagement: { vendor: 'Acme', type: 'freelancer' }, answers: {} };

// Node's styleText colours only when it believes stdout is a colour terminal; FORCE_COLOR stands in for
// one, as when someone passes --no-color in a real terminal. Without it the colour checks would pass vacuously.
let savedForceColor: string | undefined;
beforeEach(() => {
  savedForceColor = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '1';
});
afterEach(() => {
  if (savedForceColor === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = savedForceColor;
});

describe('terminalAsker driven by the interview', () => {
  it('offers Yes, Partly, No, Not applicable, Skip for now and Add a note…, with Yes first', async () => {
    const { deps } = interview();
    const done = runInterview(deps, START, [PLAYBOOK]);
    const shown = await until('Question first?');
    const lines = shown.split('\n');
    const start = lines.findIndex((l) => l.startsWith('> Yes'));
    expect(lines.slice(start, start + 6)).toEqual(['> Yes (y)', '  Partly (p)', '  No (n)', '  Not applicable (a)', '  Skip for now (s)', '  Add a note…']);
    expect(shown).not.toContain('Previous question');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(InterruptedError);
  });

  it('down and Enter answers Partly, asks for a note, and a number key picks a choice', async () => {
    const { deps, saves, printed } = interview();
    const done = runInterview(deps, START, [PLAYBOOK]);
    await until('Question first?');
    screen.keypress('down');
    expect(screen.getScreen()).toContain('> Partly');
    screen.keypress('enter');
    await until('What is in place, and what is missing?');
    screen.type('half written');
    screen.keypress('enter');
    const second = await until('Question second?');
    // Going back is a key (Esc or ←), said in the key help, not a menu entry.
    expect(second).not.toContain('Previous question');
    expect(second).toContain('esc ← back');
    screen.type('3');
    expect(screen.getScreen()).toContain('> No');
    screen.keypress('enter');
    await until('Finish and write the report');
    screen.keypress('enter');
    const finished = await done;

    expect(finished.answers).toEqual({
      'tiny/first': { answer: 'partly', note: 'half written', answered: '2026-03-01T12:00:00.000Z' },
      'tiny/second': { answer: 'no', answered: '2026-03-01T12:00:00.000Z' },
    });
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(printed.join('\n')).toContain('To fix: Fix for first.');
    // What was chosen stays on screen after each prompt.
    expect(written).toContain('> Question first? Partly');
    expect(written).toContain('> Question second? No');
  });

  it('Ctrl-C in a question ends the interview with the resume command; the answers before it are saved', async () => {
    const { deps, saves } = interview();
    const done = runInterview(deps, START, [PLAYBOOK]);
    await until('Question first?');
    screen.keypress('enter');
    await until('Question second?');
    screen.keypress({ name: 'c', ctrl: true });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toContain('outsource-check check --resume /home/me/.local/state/outsource-check/sessions/acme.yaml');
    expect(saves[saves.length - 1]?.answers).toEqual({ 'tiny/first': { answer: 'yes', answered: '2026-03-01T12:00:00.000Z' } });
  });
});

describe("terminalAsker's guard", () => {
  it.each(['select', 'input', 'checkbox', 'confirm'] as const)('turns Ctrl-C in %s into InterruptedError, keeping the cause', async (kind) => {
    const a = asker(false);
    const pending: Promise<unknown> =
      kind === 'select'
        ? a.select('Pick', [{ value: 1, name: 'One' }])
        : kind === 'input'
          ? a.input('Name?')
          : kind === 'checkbox'
            ? a.checkbox('Which?', [{ value: 1, name: 'One', checked: true }])
            : a.confirm('Sure?', true);
    await until(kind === 'select' ? 'Pick' : kind === 'input' ? 'Name?' : kind === 'checkbox' ? 'Which?' : 'Sure?');
    screen.keypress({ name: 'c', ctrl: true });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect(((error as Error).cause as Error).name).toBe('ExitPromptError');
  });

  it('lets other errors through as they are', async () => {
    const error = await asker(false)
      .select('Pick', [{ separator: '── nothing to pick' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toContain('No selectable choices');
  });
});

describe('terminalAsker without and with colour', () => {
  const prompts = {
    select: (a: Asker) => a.select('Pick one', [{ value: 'a', name: 'Alpha', description: 'The first' }, { separator: '── more' }, { value: 'b', name: 'Beta' }]),
    input: (a: Asker) => a.input('Your name?', { default: 'Sam' }),
    checkbox: (a: Asker) => a.checkbox('Which ones?', [{ value: 'a', name: 'Alpha', checked: true }, { value: 'b', name: 'Beta', checked: false }]),
    confirm: (a: Asker) => a.confirm('Overwrite?', false),
  } as const;

  it.each(Object.keys(prompts) as (keyof typeof prompts)[])('%s draws no colour codes with colour off', async (kind) => {
    const pending = prompts[kind](asker(false));
    await until(kind === 'select' ? 'Pick one' : kind === 'input' ? 'Your name?' : kind === 'checkbox' ? 'Which ones?' : 'Overwrite?');
    screen.keypress('enter');
    await pending;
    const raw = await screen.getFullOutput({ raw: true });
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toMatch(SGR);
  });

  it.each(Object.keys(prompts) as (keyof typeof prompts)[])('%s draws colour codes with colour on (so the check above can fail)', async (kind) => {
    const pending = prompts[kind](asker(true));
    await until(kind === 'select' ? 'Pick one' : kind === 'input' ? 'Your name?' : kind === 'checkbox' ? 'Which ones?' : 'Overwrite?');
    screen.keypress('enter');
    await pending;
    expect(await screen.getFullOutput({ raw: true })).toMatch(SGR);
  });

  it('marks prompts and choices with plain characters when colour is off', async () => {
    const pending = asker(false).checkbox('Which ones?', [
      { value: 'a', name: 'Alpha', checked: true },
      { value: 'b', name: 'Beta', checked: false },
      { value: 'c', name: 'Gamma', checked: true },
    ]);
    const shown = await until('Which ones?');
    expect(shown).toContain('? Which ones?');
    expect(shown).toContain('> [x] Alpha');
    expect(shown).toContain('  [ ] Beta');
    expect(shown).toContain('↑↓ navigate');
    screen.keypress('enter');
    expect(await pending).toEqual(['a', 'c']);
    // The answer line says how many, not every name.
    expect(await screen.getFullOutput()).toContain('> Which ones? 2 of 3');
  });

  it('shows the default of a confirm and an input in brackets, and Enter takes it', async () => {
    const a = asker(false);
    const confirm = a.confirm('Overwrite?', false);
    expect(await until('Overwrite?')).toContain('(y/N)');
    screen.keypress('enter');
    expect(await confirm).toBe(false);
    const name = a.input('Your name?', { default: 'Sam' });
    expect(await until('Your name?')).toContain('(Sam)');
    screen.keypress('enter');
    expect(await name).toBe('Sam');
  });
});

describe('terminalAsker shows text from files escaped', () => {
  // An OSC window title, a cursor-up-and-erase, an OSC 8 hyperlink and a bidi override, as a playbook could carry them.
  const OSC_TITLE = '\u001b]0;pwned\u0007';
  const ERASE = '\u001b[1A\u001b[2K';
  const LINK = '\u001b]8;;https://evil.example/\u001b\\here\u001b]8;;\u001b\\';

  it.each([false, true])('a select (colour %s) draws no OSC, BEL or bidi override from the text, and shows the escapes', async (color) => {
    const pending = asker(color).select(`Question${OSC_TITLE} with \u202eevil\u202c?`, [
      { value: 'a', name: `Alpha${ERASE}`, description: `See ${LINK}` },
      { separator: `── Area${OSC_TITLE}` },
      { value: 'b', name: 'Beta' },
    ]);
    // The open menu, as drawn; once answered it is cleared and the answer line is written to the output stream.
    const open = await until('Question');
    screen.keypress('enter');
    await pending;
    for (const raw of [await screen.getFullOutput({ raw: true }), written]) {
      expect(raw).not.toContain('\u001b]');
      expect(raw).not.toContain('\u0007');
      expect(raw).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
    // The menu moves the cursor and erases lines itself, so the erase in the text is checked by its escaped form.
    expect(open).toContain('Question\\x1b]0;pwned\\x07 with \\u202eevil\\u202c?');
    expect(open).toContain('Alpha\\x1b[1A\\x1b[2K');
    expect(written).toContain('Question\\x1b]0;pwned\\x07 with \\u202eevil\\u202c?');
  });

  it('an input and a confirm show their message escaped', async () => {
    const a = asker(false);
    const pending = a.input(`Note for${OSC_TITLE}?`);
    await until('Note for');
    screen.keypress('enter');
    await pending;
    expect(await screen.getFullOutput({ raw: true })).not.toContain('\u001b]');
    const confirm = a.confirm(`Overwrite ${ERASE}file?`, false);
    expect(await until('Overwrite')).toContain('Overwrite \\x1b[1A\\x1b[2Kfile?');
    screen.keypress('enter');
    await confirm;
  });
});
