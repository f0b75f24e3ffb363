/**
 * A save that fails half way through writing (a full disk, a quota): the
 * temporary file is 0600 while it holds the answers, it is removed, and the
 * session keeps its last good content and its 0600 mode, under umask 000.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { OutputError } from '../../src/errors.js';
import { saveSession } from '../../src/io/sessions.js';
import { tempDirs } from '../support/cli.js';

/** When set, the next write puts down half its bytes, notes the file's mode, then fails as a full disk does. */
const failure = vi.hoisted(() => ({ armed: false, modeSeen: -1 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, buffer: Buffer, offset: number, length: number) => {
    if (!failure.armed) return fs.writeSync(fd, buffer, offset, length);
    failure.armed = false;
    fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
    failure.modeSeen = fs.fstatSync(fd).mode & 0o777;
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const temp = tempDirs('oc-halfway-');
const saved = process.umask();
afterEach(() => {
  process.umask(saved);
});

const session = (note: string): AnswersFile => ({
  format: ANSWERS_FORMAT,
  engagement: { vendor: 'Acme', type: 'agency' },
  answers: { 'communication/one-page-brief': { answer: 'partly', note, answered: '2026-11-28T10:00:00Z' } },
  meta: { started: '2026-11-28T09:59:00Z', updated: '2026-11-28T10:00:00Z' },
});

describe('a save that fails half way', () => {
  it('leaves the last good session, 0600, and no temporary file; the half-written one was 0600 too', () => {
    process.umask(0);
    const home = temp();
    const env = { OUTSOURCE_CHECK_HOME: home };
    const file = path.join(home, 'sessions', 'acme.yaml');
    const privacy = { notice: () => {} };
    saveSession(file, session('first answer'), env, privacy);
    const good = readFileSync(file, 'utf8');

    failure.armed = true;
    expect(() => saveSession(file, session('second answer, never saved'), env, privacy)).toThrow(OutputError);
    expect(failure.modeSeen).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(good);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['acme.yaml']);
  });
});
