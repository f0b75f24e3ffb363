import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessParsed, loadAnswersFile } from '../../src/assessment/load-answers.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { checklistOf } from '../../src/report/checklist.js';

/*
 * Format 2 promises that every playbook and answers file that loaded before it
 * loads and scores the same. This test holds the engine to scores, verdicts,
 * blockers and gaps computed from a frozen copy of the format-1 bundled
 * playbooks and examples (tests/fixtures/format1), recorded in
 * tests/golden/format1-scores.json before format 2 was written.
 * To record again after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/unit/format1-compat.test.ts
 */
const root = path.resolve(import.meta.dirname, '../fixtures/format1');
const golden = path.resolve(import.meta.dirname, '../golden/format1-scores.json');
const NOW = new Date('2026-12-01T12:00:00Z');

function scoresOf(file: string) {
  const registry = loadRegistry({ bundledDir: null, custom: [path.join(root, 'playbooks')] });
  expect(registry.problems.filter((p) => p.level === 'error')).toEqual([]);
  const { parsed, problems } = loadAnswersFile(file);
  expect(problems).toEqual([]);
  if (!parsed) throw new Error(`${file} did not load`);
  const { assessment } = assessParsed(
    parsed,
    registry.playbooks.map((p) => p.playbook),
    NOW,
  );
  const checklist = checklistOf(assessment, true);
  const asked = new Set(assessment.items.filter((i) => i.excluded === null).map((i) => i.key));
  return {
    verdict: assessment.verdict,
    scores: assessment.scores,
    playbooks: assessment.playbooks.map((p) => ({ id: p.id, score: p.score, sections: p.sections })),
    blockers: assessment.blockers,
    gaps: assessment.gaps,
    items: assessment.items.map((i) => ({ key: i.key, severity: i.severity, weight: i.weight, excluded: i.excluded, answer: i.answer, due: i.due })),
    // Format 1 ticked a clause whose item was `na`, and dropped one whose `when` failed or was still open; format 2
    // lists the first two under "not needed", neither ticked nor open, and the last with its condition. The lines format 1 showed must still be there, in the same state.
    clauses: [...checklist.groups.flatMap((g) => g.lines.filter((l) => l.status !== 'conditional')), ...checklist.not_needed.filter((l) => l.items.some((i) => i.answer === 'na' && asked.has(i.key)))].map((l) => `${l.group}: ${l.text} [${l.status === 'open' ? ' ' : 'x'}]`).sort(),
  };
}

describe('format-1 playbooks and answers files score as they did', () => {
  const files = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
  const actual = Object.fromEntries(files.map((f) => [f, scoresOf(path.join(root, 'examples', f))]));
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(golden, 'utf8')) as typeof actual;
  for (const file of Object.keys(expected)) expected[file]?.clauses.sort();

  it('covers every frozen example', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of files) {
    it(`${file}: same verdict, scores, blockers, gaps, items and checklist lines`, () => {
      expect(actual[file]).toEqual(expected[file]);
    });
  }
});
