import { describe, expect, it } from 'vitest';
import { depthProblem, MAX_NESTING, tooDeepOffset } from '../../src/source/depth.js';
import { parseAnswers } from '../../src/assessment/load-answers.js';

const deep = (open: string, close: string, n: number) => `${open.repeat(n)}${close.repeat(n)}`;

describe('the nesting pre-scan', () => {
  it('finds the bracket that opens level 101, counting the mapping it sits in', () => {
    // `x:` is level 1, so the 100th bracket opens level 101.
    expect(tooDeepOffset(`x: ${deep('[', ']', 100)}`, MAX_NESTING)).toBe(3 + 99);
    expect(tooDeepOffset(`x: ${deep('[', ']', 99)}`, MAX_NESTING)).toBeNull();
    expect(tooDeepOffset(deep('{a: ', '}', 101), MAX_NESTING)).toBe(400);
    expect(tooDeepOffset(deep('{a: ', '}', 100), MAX_NESTING)).toBeNull();
  });

  it('counts block indicators that nest on one line', () => {
    expect(tooDeepOffset(`${'- '.repeat(101)}1`, MAX_NESTING)).toBe(200);
    expect(tooDeepOffset(`${'- '.repeat(100)}1`, MAX_NESTING)).toBeNull();
    expect(tooDeepOffset(`${'? '.repeat(101)}1`, MAX_NESTING)).toBe(200);
    expect(tooDeepOffset(`a:\n  ${'- '.repeat(100)}[1]`, MAX_NESTING)).toBe(5 + 200);
  });

  it('does not count brackets in quoted text, comments, block scalars or the middle of plain text', () => {
    const brackets = '['.repeat(500);
    const texts = [
      `a: "${brackets}"`,
      `a: '${brackets}'`,
      `a: 'it''s ${brackets}'`,
      `a: "escaped \\" ${brackets}"`,
      `a: 1 # ${brackets}`,
      `# ${brackets}\na: 1`,
      `a: |\n  ${brackets}\n\n  ${brackets}\nb: 1`,
      `a: >-\n    ${brackets}\nb: 1`,
      `a: text ${brackets}`,
      `a: ${'- '.repeat(10)}x`.replace(/- /g, 'x- '),
      `a: "multi\n  line ${brackets}"`,
      `{"a": "${brackets}", "b": [1, {"c": "]]]"}]}`,
      `a: [it's, ${'[x], '.repeat(500)}]`,
      `url: http://example.com/${brackets}`,
    ];
    for (const text of texts) expect(tooDeepOffset(text, MAX_NESTING), text.slice(0, 30)).toBeNull();
  });

  it('a block scalar ends where the indentation does', () => {
    expect(tooDeepOffset(`a: |\n  text\nb: ${deep('[', ']', 101)}`, MAX_NESTING)).toBe(15 + 99);
  });

  it('positions the problem as line and column', () => {
    expect(depthProblem('f.yaml', `a: 1\nb:\n  c: ${deep('[', ']', 100)}`)).toEqual({
      file: 'f.yaml',
      line: 3,
      col: 6 + 98 + 1,
      message: `the document is nested too deeply to load (more than ${MAX_NESTING} levels)`,
      level: 'error',
    });
  });

  it('stops a 4-million-bracket answers file before any parser sees it', () => {
    // Under the size cap; the parsers used to spend gigabytes on this before their own depth checks.
    const text = `format: outsource-check/answers@1\nx: ${deep('[', ']', 4_190_000)}\n`;
    const { parsed, problems } = parseAnswers({ file: 'deep.yaml', text });
    expect(parsed).toBeNull();
    expect(problems).toEqual([{ file: 'deep.yaml', line: 2, col: 4 + 99, message: `the document is nested too deeply to load (more than ${MAX_NESTING} levels)`, level: 'error' }]);
  });
});
