import { ExitCode, InvalidDataError, OutsourceCheckError } from '../errors.js';
import { terminalText } from '../terminal/safe.js';
import { printProblems } from './problems.js';
import { buildProgram } from './program.js';
import { processContext } from './context.js';
import { invocation } from './invocation.js';

/** The one place where errors become messages and exit codes. */
export async function run(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is not a failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
    });
  }
  try {
    // Object.assign, not a spread: a spread would read every getter of the context, and open stdin.
    await buildProgram(() => Object.assign(processContext(), { command: invocation(argv[1], process.env, process.cwd()) })).parseAsync([...argv]);
  } catch (error) {
    process.exitCode = report(error, process.stderr, process.env.OUTSOURCE_CHECK_DEBUG === '1');
  }
}

/** Commander's own errors, told apart by their codes (`commander.*`): the minified bundle renames its classes. */
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
    printProblems(stderr, error.problems);
    stderr.write(`outsource-check: ${terminalText(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof OutsourceCheckError) {
    // Messages quote paths, ids and keys from files and arguments: they reach the terminal escaped.
    stderr.write(`outsource-check: ${terminalText(error.message)}\n`);
    if (debug && error.cause) stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`outsource-check: internal error: ${terminalText(message)}\n`);
  stderr.write(debug && error instanceof Error ? `${error.stack}\n` : 'Run again with OUTSOURCE_CHECK_DEBUG=1 for details, and please report it.\n');
  return ExitCode.internal;
}
