import { expect } from 'vitest';
import type { Problem } from '../../src/errors.js';

/** A problem as the CLI prints it: `file:line:col: level: message`. */
export const where = (p: Problem) => `${p.file}:${p.line}:${p.col}: ${p.level}: ${p.message}`;

/**
 * `edit(from, to, text = base)`: `text` with `from`, which must occur exactly
 * once, replaced by `to`. The bad cases of a table are `base` with one small edit.
 */
export function editorOf(base: string): (from: string, to: string, text?: string) => string {
  return (from, to, text = base) => {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`\`${from}\` occurs ${count} times in the text to edit`);
    return text.replace(from, to);
  };
}

/** A row of a table of malformed files: the text, and where and what the one problem is. */
export interface MalformedCase {
  name: string;
  text: string;
  line: number;
  col: number;
  message: string | RegExp;
}

/** The only problem an input produced, an error; more than one means a cascade the user has to see through. */
export function onlyProblem(problems: readonly Problem[]): Problem {
  expect(problems.map(where)).toHaveLength(1);
  expect(problems[0]?.level).toBe('error');
  return problems[0]!;
}

/** A malformed file: nothing parsed, and one error at `file:line:col` whose message contains (or matches) `message`. */
export function expectOneProblem(result: { parsed: unknown; problems: readonly Problem[] }, expected: Pick<MalformedCase, 'line' | 'col' | 'message'> & { file: string }): Problem {
  expect(result.parsed).toBeNull();
  const problem = onlyProblem(result.problems);
  expect(problem).toMatchObject({ file: expected.file, line: expected.line, col: expected.col });
  if (typeof expected.message === 'string') expect(problem.message).toContain(expected.message);
  else expect(problem.message).toMatch(expected.message);
  return problem;
}
