import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import type { CommandContext } from '../../src/cli/context.js';
import { saveOrExplain } from '../../src/cli/commands/check-interactive.js';
import { OutputError } from '../../src/errors.js';
import { tempDirs } from '../support/cli.js';

const tempDir = tempDirs('oc-save-');

function context(): { ctx: CommandContext; stderr: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const ctx: CommandContext = { cwd: tmpdir(), env: {}, stdout: new PassThrough(), stderr: err, stdinIsTTY: false, stderrIsTTY: false, now: () => new Date('2026-11-28T10:00:00Z') };
  return { ctx, stderr: () => text };
}

const session = (note: string): AnswersFile => ({
  format: ANSWERS_FORMAT,
  engagement: { vendor: 'Acme', type: 'agency' },
  answers: { 'communication/one-page-brief': { answer: 'partly', note, answered: '2026-11-28T10:00:00Z' } },
  meta: { started: '2026-11-28T09:59:00Z', updated: '2026-11-28T10:00:00Z' },
});

describe('saving progress when the disk refuses', () => {
  it('saves normally, and the file holds the session', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sessions', 'acme.yaml');
    const { ctx, stderr } = context();
    saveOrExplain(ctx, file, session('first'));
    expect(parse(readFileSync(file, 'utf8'))).toMatchObject({ answers: { 'communication/one-page-brief': { note: 'first' } } });
    expect(stderr()).toBe('');
  });

  it('prints every answer and the resume command, and throws a 73, when the session cannot be written', () => {
    const dir = tempDir();
    // A file where the sessions folder should be: the write fails as it would on a full or read-only disk.
    writeFileSync(path.join(dir, 'sessions'), 'not a folder');
    const file = path.join(dir, 'sessions', 'acme.yaml');
    const { ctx, stderr } = context();
    let thrown: unknown;
    try {
      saveOrExplain(ctx, file, session('the answer being given'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputError);
    expect((thrown as OutputError).exitCode).toBe(73);
    expect((thrown as OutputError).message).toContain(`outsource-check check --resume ${file}`);
    const printed = stderr();
    expect(printed).toContain('Your answers could not be saved');
    const yamlStart = printed.indexOf('# outsource-check session');
    expect(parse(printed.slice(yamlStart))).toMatchObject({ answers: { 'communication/one-page-brief': { answer: 'partly', note: 'the answer being given' } } });
  });
});
