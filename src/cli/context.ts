import { invocation } from './invocation.js';
import type { Asker } from '../ui/asker.js';
import type { PrivacyOptions } from '../io/private.js';
import { terminalText } from '../terminal/safe.js';

/** What a command needs from the outside world, so tests can hand in their own. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Absent means not a terminal. */
  stdoutIsTTY?: boolean;
  now: () => Date;
  /** How this run was started (`node bin/outsource-check.cjs`, `npx outsource-check`, …), for the commands we print. */
  command?: string;
  /** Who answers the interview's questions; the terminal prompts when absent. Tests hand in a scripted one. */
  asker?: Asker;
}

/** The command to print in hints; the installed name when the context does not say. */
export function commandName(ctx: Pick<CommandContext, 'command'>): string {
  return ctx.command ?? 'outsource-check';
}

/** Options every command accepts, declared once on the program. */
export interface GlobalOptions {
  playbooks: string[];
  color: boolean;
  input: boolean;
}

export function processContext(): CommandContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Looked at only when a command asks: `process.stdin` opens the stream (2 ms), which `--help` and a check from a file never need.
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    now: () => new Date(),
    command: invocation(process.argv[1], process.env, process.cwd()),
  };
}

/**
 * Colour only for a terminal, and never under NO_COLOR, --no-color or
 * TERM=dumb. Each stream decides for itself: `show > f.txt` run from a
 * terminal writes no escape codes into the file.
 */
export function colorEnabled(ctx: CommandContext, options: Pick<GlobalOptions, 'color'>, stream: 'stdout' | 'stderr' = 'stderr'): boolean {
  if (!options.color) return false;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  if (ctx.env.TERM === 'dumb') return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== '0') return true;
  return stream === 'stdout' ? ctx.stdoutIsTTY === true : ctx.stderrIsTTY;
}

/** Prompts need a person at both ends: a terminal to read from and one to draw on. */
export function canPrompt(ctx: CommandContext, options: Pick<GlobalOptions, 'input'>): boolean {
  return options.input && ctx.stdinIsTTY && ctx.stderrIsTTY;
}

/** The state folder's rule reports what it tightened in one line on stderr, with the rest of what is said to the user. */
export function privacyOf(ctx: Pick<CommandContext, 'stderr'>): PrivacyOptions {
  return { notice: (line) => ctx.stderr.write(`${terminalText(line)}\n`) };
}
