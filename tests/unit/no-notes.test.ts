/**
 * `--no-notes`: no word of the user's notes reaches anything written (the
 * report, the checklist, the comparison, as markdown and as JSON), however
 * hostile the notes, and every rendering says in one line that they were
 * left out. Each case also runs with the notes in, so the test can fail.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { lint } from 'markdownlint/sync';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/context.js';
import { checkCommand } from '../../src/cli/commands/check.js';
import { checklistCommand } from '../../src/cli/commands/checklist.js';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { withoutNotes } from '../../src/report/notes.js';
import { tempDirs } from '../support/cli.js';
import { itemKeys } from '../support/playbooks.js';

const temp = tempDirs('oc-no-notes-');

/** Every fragment carries the marker QZXV (in no playbook), so any part of a note that survives escaping or wrapping is found. */
const hostileNote = (n: number) =>
  [
    `QZXV${n} we pay at most 40k`,
    '<script>alert("QZXV")</script>',
    '<!-- QZXV -->',
    '**QZXV** _QZXV_ [QZXV](https://QZXV.example)',
    '`QZXV` | QZXV | \\QZXV',
    '\n# QZXV heading\n\n- QZXV list\n```\nQZXV fence\n```',
    '\u001b]0;QZXV\u0007 \u001b[31mQZXV',
  ].join(' ');

function answersFile(vendor: string, values: readonly string[]): string {
  const dir = temp();
  const keys = [...itemKeys('communication'), ...itemKeys('contract-legal'), ...itemKeys('negotiation')];
  const answers: Record<string, unknown> = {};
  keys.forEach((key, n) => (answers[key] = { answer: values[n % values.length], note: hostileNote(n) }));
  answers['communication/no-such-item'] = { answer: 'no', note: hostileNote(999) };
  const file = path.join(dir, `${vendor}.yaml`);
  writeFileSync(file, stringify({ format: 'outsource-check/answers@1', engagement: { vendor, type: 'agency', scope: 'site rebuild' }, answers }));
  return file;
}

function context(cwd: string): { ctx: CommandContext; out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const ctx: CommandContext = { cwd, env: { OUTSOURCE_CHECK_HOME: path.join(cwd, 'home') }, stdout, stderr: new PassThrough(), stdinIsTTY: false, stderrIsTTY: false, now: () => new Date('2026-11-28T10:00:00Z') };
  return { ctx, out: () => text };
}

const globals = { playbooks: [], color: false, input: false };
const reportDefaults = { force: false, json: false, chart: true, checklist: true, strict: false };

/** Every file written in `dir` (not the answers) and stdout, as one text per output. */
async function outputs(run: (ctx: CommandContext, dir: string) => Promise<void>, dir: string): Promise<Record<string, string>> {
  const { ctx, out } = context(dir);
  const before = new Set(readdirSync(dir));
  await run(ctx, dir);
  const written = Object.fromEntries(readdirSync(dir).filter((n) => !before.has(n)).map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
  return out() ? { ...written, stdout: out() } : written;
}

const LINES = { report: 'Your notes were left out of this report.', checklist: 'Your notes were left out of this checklist.', comparison: 'Your notes were left out of this comparison.' };

interface Case {
  name: string;
  run: (notes: boolean) => (ctx: CommandContext, dir: string) => Promise<void>;
  /** The line each output must carry under --no-notes. */
  lines: string[];
  json: boolean;
}

const cases: Case[] = [
  {
    name: 'check --answers (report and checklist files)',
    run: (notes) => (ctx) => checkCommand(ctx, { ...globals, ...reportDefaults, notes, answers: answersFile('acme', ['no', 'partly', 'na', 'yes']) }),
    lines: [LINES.checklist, LINES.report],
    json: false,
  },
  {
    name: 'report --json',
    run: (notes) => (ctx) => reportCommand(ctx, { ...globals, ...reportDefaults, json: true, notes, file: answersFile('acme', ['no', 'partly', 'na']) }),
    lines: [],
    json: true,
  },
  {
    name: 'report --out - (markdown on stdout)',
    run: (notes) => (ctx) => reportCommand(ctx, { ...globals, ...reportDefaults, out: '-', notes, file: answersFile('acme', ['partly', 'no']) }),
    lines: [LINES.report],
    json: false,
  },
  {
    name: 'checklist --answers',
    run: (notes) => (ctx) => checklistCommand(ctx, { ...globals, force: false, json: false, notes, answers: answersFile('acme', ['partly', 'no', 'yes']) }),
    lines: [LINES.checklist],
    json: false,
  },
  {
    name: 'checklist --answers --json',
    run: (notes) => (ctx) => checklistCommand(ctx, { ...globals, force: false, json: true, notes, answers: answersFile('acme', ['partly', 'no']) }),
    lines: [],
    json: true,
  },
  {
    name: 'compare, two vendors',
    run: (notes) => (ctx) => compareCommand(ctx, { ...globals, force: false, json: false, notes, files: [answersFile('acme', ['no', 'yes']), answersFile('bolt', ['partly', 'yes'])] }),
    lines: [LINES.comparison],
    json: false,
  },
  {
    name: 'compare --json, two vendors',
    run: (notes) => (ctx) => compareCommand(ctx, { ...globals, force: false, json: true, notes, files: [answersFile('acme', ['no', 'yes']), answersFile('bolt', ['partly', 'yes'])] }),
    lines: [],
    json: true,
  },
];

describe('--no-notes', () => {
  it.each(cases)('$name: no note text in any output, and one line saying so', async ({ name, run, lines, json }) => {
    const withNotes = await outputs(run(true), temp());
    const without = await outputs(run(false), temp());
    expect(Object.keys(without).sort()).toEqual(Object.keys(withNotes).sort());
    expect(Object.keys(without).length).toBeGreaterThan(0);

    for (const text of Object.values(without)) {
      expect(text).not.toMatch(/QZXV/i);
      expect(text).not.toContain('we pay at most');
    }
    if (json) {
      const parsed = JSON.parse(without.stdout ?? '') as { notes_omitted?: boolean };
      expect(parsed.notes_omitted).toBe(true);
      expect(JSON.parse(withNotes.stdout ?? '')).not.toHaveProperty('notes_omitted');
    } else {
      const markdown = Object.values(without);
      expect(markdown.map((m) => lines.find((l) => m.includes(l))).filter(Boolean)).toHaveLength(markdown.length);
      for (const m of markdown) expect(m.split('\n').filter((l) => l.startsWith('Your notes were left out')).length).toBe(1);
      for (const m of Object.values(withNotes)) expect(m).not.toContain('Your notes were left out');
      const result = lint({ strings: without });
      for (const issues of Object.values(result)) expect(issues).toEqual([]);
    }
    // Without the flag the notes are there (a comparison shows none either way), so the test can fail.
    if (!name.startsWith('compare')) expect(Object.values(withNotes).join('\n')).toMatch(/QZXV/);
  });

  it('withoutNotes empties the notes of items, need questions and unknown answers and keeps everything else', () => {
    const note = 'QZXV';
    const base = {
      items: [{ key: 'a/b', note }, { key: 'a/c', note: null }],
      needs: [{ key: 'a/n', answer: 'yes', note }],
      unknown_answers: [{ key: 'a/x', answer: 'no', note, suggestion: null }],
      verdict: { level: 'ready', reasons: [] },
    } as unknown as Parameters<typeof withoutNotes>[0];
    const shared = withoutNotes(base);
    expect(shared.items.map((i) => i.note)).toEqual([null, null]);
    expect(shared.unknown_answers.map((u) => u.note)).toEqual([null]);
    expect(shared.needs.map((n) => n.note)).toEqual([null]);
    expect(shared.notes_omitted).toBe(true);
    expect(shared.verdict).toBe(base.verdict);
    expect(base.items[0]?.note).toBe(note);
  });
});
