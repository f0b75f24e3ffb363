import { formatProblem, type Problem } from '../errors.js';
import { terminalText } from '../terminal/safe.js';

/**
 * Past this many, more problems do not help anyone fix a file: a hostile or
 * broken file can hold tens of thousands (every key unknown, every item in a
 * cycle). The count of the rest is printed instead.
 */
export const MAX_PRINTED_PROBLEMS = 50;

/**
 * Problem lines for a person to read, escaped for the terminal. When there
 * are too many, errors come before warnings, so a flood of warnings cannot
 * hide the error that stopped the run.
 */
export function problemLines(problems: readonly Problem[], limit = MAX_PRINTED_PROBLEMS): string[] {
  const ordered = problems.length > limit ? [...problems.filter((p) => p.level === 'error'), ...problems.filter((p) => p.level !== 'error')] : problems;
  const lines = ordered.slice(0, limit).map((p) => terminalText(formatProblem(p)));
  if (problems.length > limit) lines.push(`… and ${problems.length - limit} more problem${problems.length - limit === 1 ? '' : 's'} not shown`);
  return lines;
}

export function printProblems(stream: NodeJS.WritableStream, problems: readonly Problem[]): void {
  if (problems.length > 0) stream.write(`${problemLines(problems).join('\n')}\n`);
}
