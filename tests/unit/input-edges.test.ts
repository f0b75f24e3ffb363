import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/assessment/load-answers.js';
import { parseSavedReport } from '../../src/compare/snapshot.js';
import { decodeSource } from '../../src/source/read.js';

const answers = (body: string) => parseAnswers({ file: 'a.yaml', text: `format: outsource-check/answers@1\nengagement:\n  vendor: Acme\n  type: agency\n${body}` });

describe('answers keys the parsers treat specially', () => {
  it('reports `__proto__` under answers instead of dropping it', () => {
    const { parsed, problems } = answers('answers:\n  communication/one-page-brief: yes\n  __proto__: yes\n');
    expect(parsed).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ line: 7, col: 3, message: expect.stringContaining('an answer key must be `playbook-id/item-id`') })]);
  });

  it('reports `__proto__` in the long form and under meta.playbook_versions too', () => {
    expect(answers('answers:\n  __proto__: { answer: yes }\n').problems.map((p) => `${p.line}:${p.col}`)).toEqual(['6:3']);
    expect(answers('meta:\n  playbook_versions:\n    __proto__: 1.0.0\n').problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual(['7:5: `__proto__` is not a playbook id']);
  });
});

describe('encodings', () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 0x61, 0, 0, 0]);
  it('names UTF-32 as UTF-32, in either byte order, and UTF-16 as UTF-16', () => {
    const message = (b: Uint8Array) => {
      const r = decodeSource('f.yaml', b);
      return r.ok ? null : r.problems[0]?.message;
    };
    expect(message(bytes(0xff, 0xfe, 0, 0))).toBe('file is UTF-32 text; save it as UTF-8');
    expect(message(bytes(0, 0, 0xfe, 0xff))).toBe('file is UTF-32 text; save it as UTF-8');
    expect(message(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('file is UTF-16 text; save it as UTF-8');
  });
});

describe('a saved --json report given to compare', () => {
  const report = (patch: Record<string, unknown> = {}, overall: unknown = 80) =>
    JSON.stringify({
      format: 'outsource-check/report@1',
      generated: '2026-11-28T10:00:00.000Z',
      engagement: { vendor: 'Acme', type: 'agency' },
      threshold: 80,
      verdict: { level: 'ready', reasons: [] },
      scores: { overall: { percent: overall } },
      playbooks: [{ id: 'alignment', title: 'Alignment', kind: 'focus-area', version: '1.0.0', score: { percent: 50 } }],
      items: [],
      blockers: [],
      ...patch,
    });
  const problems = (text: string) => parseSavedReport({ file: 'r.json', text }).problems.map((p) => p.message);

  it('reads a valid one', () => {
    expect(problems(report())).toEqual([]);
  });

  it('rejects a `generated` that is not a date', () => {
    expect(problems(report({ generated: 'not a date' }))).toEqual(['`generated` must be a date and time such as 2026-11-28T10:00:00Z, not the text "not a date"']);
  });

  it('rejects percentages that are out of range or not finite', () => {
    expect(problems(report({}, 1e308))).toEqual(['`percent` must be at most 100']);
    expect(problems(report({}, -1))).toEqual(['`percent` must be at least 0']);
    // 1e999 reads as Infinity.
    expect(problems(report().replace('"percent":80', '"percent":1e999'))).toHaveLength(1);
    expect(problems(report({ threshold: 1e308 }))).toEqual(['`threshold` must be at most 100']);
  });
});
