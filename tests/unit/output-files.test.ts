import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/context.js';
import { reportTargets, writeReportFiles } from '../../src/cli/output.js';
import { OutputError, UsageError } from '../../src/errors.js';
import { prepareWrite, writeFileAtomic, type PreparedWrite } from '../../src/io/atomic.js';
import { tempDirs } from '../support/cli.js';

const tempDir = tempDirs('oc-out-');

function context(cwd: string): { ctx: CommandContext; stderr: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { ctx: { cwd, env: {}, stdout: new PassThrough(), stderr: err, stdinIsTTY: false, stderrIsTTY: false, now: () => new Date(2026, 10, 28, 10) }, stderr: () => text };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('writing to what is not a regular file', () => {
  // A reader still waiting on a FIFO (when the write went elsewhere) must not outlive the test.
  const readers: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const r of readers.splice(0)) r.kill();
  });

  it('writes into a FIFO, which stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    readers.push(reader);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    writeFileAtomic(fifo, '# report\n', { overwrite: true });
    await done;
    expect(read).toBe('# report\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('writes into a character device, which stays a device, with or without --force', () => {
    const dir = tempDir();
    const nul = path.join(dir, 'nul');
    // As root (CI), a device of our own like the issue's; otherwise /dev/null itself, without --force.
    const own = spawnSync('mknod', ['-m', '666', nul, 'c', '1', '3']).status === 0;
    const device = own ? nul : '/dev/null';
    writeFileAtomic(device, 'report', { overwrite: false });
    if (own) writeFileAtomic(device, 'report', { overwrite: true });
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(own ? ['nul'] : []);
  });

  it('follows a symbolic link to a file and replaces the file, never the link', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'report.md'), 'old');
    symlinkSync(path.join('real', 'report.md'), path.join(dir, 'link.md'));
    const err = thrown(() => writeFileAtomic(path.join(dir, 'link.md'), 'new', { overwrite: false }));
    expect((err as OutputError).reason).toBe('already exists; use --force to overwrite it');
    writeFileAtomic(path.join(dir, 'link.md'), 'new', { overwrite: true });
    expect(lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.md'))).toBe(path.join('real', 'report.md'));
    expect(readFileSync(path.join(dir, 'real', 'report.md'), 'utf8')).toBe('new');
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['report.md']);
  });

  it('refuses a symbolic link to nothing, and leaves it', () => {
    const dir = tempDir();
    symlinkSync('missing.md', path.join(dir, 'link.md'));
    const err = thrown(() => writeFileAtomic(path.join(dir, 'link.md'), 'new', { overwrite: true }));
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).reason).toContain('symbolic link to a file that does not exist');
    expect(readlinkSync(path.join(dir, 'link.md'))).toBe('missing.md');
    expect(readdirSync(dir)).toEqual(['link.md']);
  });

  it('never creates a file in /dev', () => {
    const err = thrown(() => writeFileAtomic('/dev/outsource-check-test.md', 'x', { overwrite: true }));
    expect((err as OutputError).reason).toBe('does not exist, and no file is created in /dev or /proc');
  });

  it('puts no checklist beside a report that goes into a device', () => {
    const { ctx } = context(tempDir());
    const targets = reportTargets(ctx, { engagement: { vendor: 'Acme', type: 'agency' }, stage: 'signing' }, { out: '/dev/null', checklist: true });
    expect(targets).toMatchObject({ report: '/dev/null', checklist: null });
    expect(targets?.noChecklist).toContain('is a device or pipe');
  });

  it('removes temporary files left by a killed process, and only those', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, `.report.md.${dead}.0123abcd.tmp`), 'half');
    writeFileSync(path.join(dir, `.report.md.${process.ppid}.0123abcd.tmp`), 'a live process is writing');
    writeFileSync(path.join(dir, `.other.md.${dead}.0123abcd.tmp`), 'another file');
    writeFileAtomic(path.join(dir, 'report.md'), 'whole', { overwrite: false });
    expect(readdirSync(dir).sort()).toEqual([`.other.md.${dead}.0123abcd.tmp`, `.report.md.${process.ppid}.0123abcd.tmp`, 'report.md']);
  });
});

describe('a report and its checklist are a pair', () => {
  const files = (dir: string) => [
    { file: path.join(dir, 'report.md'), data: 'new report' },
    { file: path.join(dir, 'checklist.md'), data: 'new checklist' },
  ];

  it('writes neither when the checklist already exists', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'checklist.md'), 'old checklist');
    const err = thrown(() => writeReportFiles(context(dir).ctx, files(dir), false));
    expect((err as OutputError).message).toBe('checklist.md: already exists; use --force to overwrite it');
    expect(readdirSync(dir)).toEqual(['checklist.md']);
  });

  /** prepareWrite, except that the second file's publish fails as a full disk or a race would make it. */
  const failingSecond: typeof prepareWrite = (file, data, options) => {
    const real = prepareWrite(file, data, options);
    if (!file.endsWith('checklist.md')) return real;
    return {
      ...real,
      target: real.target,
      publish() {
        real.discard();
        throw new OutputError(file, 'cannot write: no space left on the device');
      },
    } satisfies PreparedWrite;
  };

  it('takes back a new report when the checklist cannot be published', () => {
    const dir = tempDir();
    const err = thrown(() => writeReportFiles(context(dir).ctx, files(dir), false, failingSecond));
    expect((err as OutputError).reason).toBe('cannot write: no space left on the device');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('restores a replaced report when the checklist cannot be published (--force)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'report.md'), 'old report');
    thrown(() => writeReportFiles(context(dir).ctx, files(dir), true, failingSecond));
    expect(readdirSync(dir)).toEqual(['report.md']);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('old report');
  });

  it('publishes both and leaves nothing else', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'report.md'), 'old report');
    writeReportFiles(context(dir).ctx, files(dir), true);
    expect(readdirSync(dir).sort()).toEqual(['checklist.md', 'report.md']);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('new report');
  });

  it('--out naming the checklist’s own file is a usage error', () => {
    const { ctx } = context(tempDir());
    const err = thrown(() => reportTargets(ctx, { engagement: { vendor: 'Acme', type: 'agency' }, stage: 'signing' }, { out: 'outsource-checklist-acme-2026-11-28.md', checklist: true }));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toContain('is the name the checklist is written to');
  });
});
