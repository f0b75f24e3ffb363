import { screen, wrapPrompt } from '@inquirer/testing/vitest';
import { until } from '../support/prompt-screen.js';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { Asker, Choice } from '../../src/ui/asker.js';
import { numberPick } from '../../src/ui/menu.js';
import { answerLines, terminalAsker } from '../../src/ui/prompts.js';

vi.mock('../../src/ui/menu.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/menu.js')>();
  return { ...actual, menu: wrapPrompt(actual.menu) };
});

const SGR = /\u001b\[[0-9;]*m/;
let written = '';
beforeEach(() => {
  written = '';
});
function asker(color = false, width = 80): Asker {
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return terminalAsker({ color, output, width });
}

const ANSWERS: Choice<string>[] = [
  { value: 'yes', name: 'Yes', key: 'y', tone: 'ok' },
  { value: 'partly', name: 'Partly', key: 'p', tone: 'warn' },
  { value: 'no', name: 'No', key: 'n', tone: 'bad' },
  { value: 'na', name: 'Not applicable', key: 'a' },
  { value: 'skip', name: 'Skip for now', key: 's' },
  { value: 'note', name: 'Add a note…' },
];

describe('the answer menu', () => {
  it('shows each letter shortcut, and a letter answers at once', async () => {
    const pending = asker().select('Question?', ANSWERS);
    const shown = await until('Question?');
    expect(shown).toContain('> Yes (y)');
    expect(shown).toContain('  Partly (p)');
    expect(shown).toContain('  Not applicable (a)');
    expect(shown).toContain('  Skip for now (s)');
    expect(shown).toContain('↑↓ navigate • ⏎ select • y p n a s answer');
    screen.type('n');
    expect(await pending).toBe('no');
    expect(written).toBe('> Question? No\n');
  });

  it('Esc and ← answer the back value when going back makes sense, and nothing otherwise', async () => {
    const back = asker().select('Question?', ANSWERS, { back: 'back' });
    expect(await until('Question?')).toContain('esc ← back');
    screen.keypress('escape');
    expect(await back).toBe('back');
    const left = asker().select('Question?', ANSWERS, { back: 'back' });
    await until('Question?');
    screen.keypress('left');
    expect(await left).toBe('back');
    const none = asker().select('Other?', ANSWERS);
    const shown = await until('Other?');
    expect(shown).not.toContain('back');
    screen.keypress('left');
    screen.keypress('escape');
    screen.keypress('enter');
    expect(await none).toBe('yes');
  });

  it('"Previous question" is not a menu entry', async () => {
    const pending = asker().select('Question?', ANSWERS, { back: 'back' });
    expect(await until('Question?')).not.toMatch(/previous/i);
    screen.keypress('enter');
    await pending;
  });

  it('2 then 1 is 1 where there is no 21st choice, and 12 where there is', async () => {
    expect(numberPick('21', '1', 6)).toBe(1);
    expect(numberPick('12', '2', 15)).toBe(12);
    expect(numberPick('0', '0', 6)).toBe(0);
    const six = asker().select('Question?', ANSWERS);
    await until('Question?');
    screen.type('2');
    screen.type('1');
    screen.keypress('enter');
    expect(await six).toBe('yes');
    const many = Array.from({ length: 15 }, (_, i) => ({ value: i + 1, name: `Choice ${i + 1}` }));
    const fifteen = asker().select('Many?', many, { pageSize: 15 });
    await until('Many?');
    screen.type('1');
    screen.type('2');
    screen.keypress('enter');
    expect(await fifteen).toBe(12);
  });

  it('colours Yes, Partly and No where colour is on, and nothing where it is off', async () => {
    const on = asker(true).select('Question?', ANSWERS);
    await until('Question?');
    const raw = await screen.getFullOutput({ raw: true });
    expect(raw).toContain('\u001b[33mPartly');
    expect(raw).toContain('\u001b[31mNo');
    screen.type('p');
    await on;
    expect(written).toContain('\u001b[33mPartly');
    written = '';
    const off = asker(false).select('Question?', ANSWERS);
    await until('Question?');
    screen.type('n');
    await off;
    expect(written).not.toMatch(SGR);
  });

  it('Ctrl-C clears the open menu before the interruption is reported', async () => {
    const pending = asker().select('Question?', ANSWERS);
    await until('Question?');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(await screen.getFullOutput()).not.toContain('Partly');
    expect(written).toBe('');
  });
});

describe('answer lines', () => {
  const paint = { done: '>', message: (t: string) => t, detail: (t: string) => t, answer: (t: string) => t };

  it('an answer is never glued to the note line under the question', () => {
    expect(answerLines('Question?', 'Yes', '  Note: only half done', 80, paint)).toEqual(['> Question?', '  Note: only half done'].map((l, i) => (i === 0 ? `${l} Yes` : l)));
  });

  it('a long typed answer or path is broken between words at 80 columns, never inside one', () => {
    const answer = 'we have a signed statement of work but the acceptance criteria are still being written by the product owner';
    const lines = answerLines('What is in place, and what is missing? (Enter to skip)', answer, undefined, 80, paint);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.slice(1).join(' ').replace(/\s+/g, ' ').trim()).toBe(answer);
    for (const word of answer.split(' ')) expect(lines.some((l) => l.split(/\s+/).includes(word))).toBe(true);
  });
});
