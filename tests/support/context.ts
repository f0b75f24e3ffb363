/**
 * Commands run in-process with a fake CommandContext: options in, captured
 * stdout and stderr out, and the exit code the CLI would give, decided by the
 * same function that decides it for the real CLI (src/cli/run.ts `report`).
 */
import { Writable } from 'node:stream';
import type { CommandContext, GlobalOptions } from '../../src/cli/context.js';
import type { ReportCommandOptions } from '../../src/cli/assessment.js';
import { report } from '../../src/cli/run.js';
import type { Asker } from '../../src/ui/asker.js';

export class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface FakeOptions {
  cwd: string;
  /** Nothing from the developer's environment leaks in: only these variables. */
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** A terminal at both ends (so the interview may prompt); a script answers through `asker`. */
  tty?: boolean;
  asker?: Asker;
}

export interface Fake {
  ctx: CommandContext;
  out: Captured;
  err: Captured;
}

export const NOW = new Date('2026-11-28T10:00:00Z');

export function fakeContext(options: FakeOptions): Fake {
  const out = new Captured();
  const err = new Captured();
  const ctx: CommandContext = {
    cwd: options.cwd,
    env: { ...options.env },
    stdout: out,
    stderr: err,
    stdinIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    now: () => options.now ?? NOW,
    // As if started from a clone: the commands the tool prints must say so.
    command: 'node bin/outsource-check.cjs',
    ...(options.asker ? { asker: options.asker } : {}),
  };
  return { ctx, out, err };
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** The error the command threw, if any, for assertions on its class. */
  error: unknown;
}

/** Runs a command as the CLI would: a thrown error becomes its message on stderr and its exit code. */
export async function runIn(fake: Fake, command: (ctx: CommandContext) => Promise<unknown>): Promise<Ran> {
  let code = 0;
  let error: unknown = null;
  try {
    await command(fake.ctx);
  } catch (thrown) {
    error = thrown;
    code = report(thrown, fake.err, false);
  }
  return { code, stdout: fake.out.text, stderr: fake.err.text, error };
}

export const globals = (over: Partial<GlobalOptions> = {}): GlobalOptions => ({ playbooks: [], color: false, input: true, ...over });

export const reportOptions = (over: Partial<ReportCommandOptions> = {}): ReportCommandOptions => ({ force: false, json: false, chart: false, checklist: true, strict: false, notes: true, ...over });

/**
 * The whole command line in-process: argument parsing (commander), the
 * command, and the exit code and message the CLI would give. The result has
 * the shape of a spawned run's, so a test can move between the two. Spawn
 * (tests/support/cli.ts) only what a process alone shows: pipes, signals,
 * start-up, the built bundle.
 */
export async function runArgs(args: readonly string[], options: Omit<FakeOptions, 'now'> & { now?: Date }): Promise<{ status: number; signal: null; stdout: string; stderr: string }> {
  const { buildProgram } = await import('../../src/cli/program.js');
  // Colour off, as for a spawned run whose output is a pipe; the time is the real one unless a test fixes it.
  const fake = fakeContext({ ...options, env: { NO_COLOR: '1', ...options.env }, now: options.now ?? new Date() });
  const ran = await runIn(fake, () => buildProgram(() => fake.ctx).parseAsync([...args], { from: 'user' }));
  return { status: ran.code, signal: null, stdout: ran.stdout, stderr: ran.stderr };
}
