import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../src/cli/context.js';

/** A command context whose stdout and stderr are captured, in a fresh temp folder, at a fixed time. */
export function captureContext(over: Partial<CommandContext> = {}): { ctx: CommandContext; out: () => string; err: () => string } {
  const capture = () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
    return { stream, text: () => text };
  };
  const o = capture();
  const e = capture();
  const ctx: CommandContext = {
    cwd: mkdtempSync(path.join(tmpdir(), 'oc-ux-')),
    env: {},
    stdout: o.stream,
    stderr: e.stream,
    stdinIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-28T10:00:00Z'),
    ...over,
  };
  return { ctx, out: o.text, err: e.text };
}
