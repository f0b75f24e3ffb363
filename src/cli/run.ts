import { ExitCode, formatProblem, InvalidDataError, OutsourceCheckError } from '../errors.js';

declare const __VERSION__: string;

/** The one place where errors become messages and exit codes. */
export async function run(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  // Scripts ask for the version in loops; it needs neither commander nor anything else.
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${__VERSION__}\n`);
    return;
  }
  try {
    const { buildProgram } = await import('./program.js');
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = report(error, process.stderr, process.env.OUTSOURCE_CHECK_DEBUG === '1');
  }
}

/** Commander's own errors, told apart by their codes (`commander.*`) without importing commander here. */
function isCommanderError(error: unknown): error is Error & { exitCode: number; code: string } {
  const { code, exitCode } = error as { code?: unknown; exitCode?: unknown };
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

export function report(error: unknown, stderr: NodeJS.WritableStream, debug: boolean): number {
  if (isCommanderError(error)) {
    // Commander has already printed help, the version, or its own message.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InvalidDataError) {
    for (const problem of error.problems) stderr.write(`${formatProblem(problem)}\n`);
    stderr.write(`outsource-check: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof OutsourceCheckError) {
    stderr.write(`outsource-check: ${error.message}\n`);
    if (debug && error.cause) stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`outsource-check: internal error: ${message}\n`);
  stderr.write(debug && error instanceof Error ? `${error.stack}\n` : 'Run again with OUTSOURCE_CHECK_DEBUG=1 for details, and please report it.\n');
  return ExitCode.internal;
}
