import type { PrivacyOptions } from '../io/private.js';

/** What a command needs from the outside world, so tests can hand in their own. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  now: () => Date;
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
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    now: () => new Date(),
  };
}

/** Colour only for a terminal, and never under NO_COLOR, --no-color or TERM=dumb. */
export function colorEnabled(ctx: CommandContext, options: Pick<GlobalOptions, 'color'>): boolean {
  if (!options.color) return false;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  if (ctx.env.TERM === 'dumb') return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== '0') return true;
  return ctx.stderrIsTTY;
}

/** Prompts need a person at both ends: a terminal to read from and one to draw on. */
export function canPrompt(ctx: CommandContext, options: Pick<GlobalOptions, 'input'>): boolean {
  return options.input && ctx.stdinIsTTY && ctx.stderrIsTTY;
}

/** The state folder's rule reports what it tightened in one line on stderr, with the rest of what is said to the user. */
export function privacyOf(ctx: Pick<CommandContext, 'stderr'>): PrivacyOptions {
  return { notice: (line) => ctx.stderr.write(`${line}\n`) };
}
