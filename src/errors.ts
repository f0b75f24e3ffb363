/**
 * Every failure the CLI can report, each with the exit code it maps to.
 * `src/cli/run.ts` is the only place that turns these into exits; everything
 * else throws them (keeping `cause`) and lets them travel up.
 */

export const ExitCode = {
  ok: 0,
  belowThreshold: 1,
  usage: 2,
  invalidData: 65,
  noInput: 66,
  internal: 70,
  cannotCreate: 73,
  tempFail: 75,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem found in a file, with the position a user can jump to. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  level: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  const tag = p.level === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.line}:${p.col}: ${tag}${p.message}`;
}

export class OutsourceCheckError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Wrong flags or arguments, or answers needed where no one can be asked. */
export class UsageError extends OutsourceCheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** One or more files are not valid playbooks or answers files. */
export class InvalidDataError extends OutsourceCheckError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
    const errors = problems.filter((p) => p.level === 'error').length;
    super(`${errors} problem${errors === 1 ? '' : 's'} found`, ExitCode.invalidData, options);
    this.problems = problems;
  }
}

/** An input file is missing or cannot be read. */
export class InputError extends OutsourceCheckError {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, ExitCode.noInput, options);
    this.file = file;
  }
}

/** An output file cannot be created, or exists and `--force` was not given. */
export class OutputError extends OutsourceCheckError {
  readonly file: string;
  /** What went wrong, without the file name, so a caller can name the file its own way. */
  readonly reason: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, ExitCode.cannotCreate, options);
    this.file = file;
    this.reason = reason;
  }
}

/** The overall score is below `--fail-under`, or `--strict` met a not-ready verdict. */
export class ThresholdError extends OutsourceCheckError {
  constructor(message: string) {
    super(message, ExitCode.belowThreshold);
  }
}

/** A session is open in another outsource-check; trying again once that one ends will work. */
export class SessionLockedError extends OutsourceCheckError {
  constructor(message: string) {
    super(message, ExitCode.tempFail);
  }
}

/** Ctrl-C. The message says where progress is and how to resume. */
export class InterruptedError extends OutsourceCheckError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.interrupted, options);
  }
}
