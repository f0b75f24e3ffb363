/**
 * Golden files: the readiness report, the checklist and the comparison,
 * rendered from the fixture playbook in tests/fixtures/golden (never the
 * bundled playbooks, whose wording changes on its own schedule), compared
 * byte for byte with tests/golden/. A change of layout or wording then shows
 * up as a diff of these files in review.
 *
 * After a deliberate change, regenerate them and read the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts
 *   git diff tests/golden/
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { assessParsed, loadAnswersFile } from '../../src/assessment/load-answers.js';
import type { Assessment } from '../../src/assessment/score.js';
import { renderAll } from '../../src/cli/assessment.js';
import { vendorMatrix } from '../../src/compare/compare.js';
import { snapshotOf } from '../../src/compare/snapshot.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { renderMatrix } from '../../src/report/comparison.js';
import { safeJson } from '../../src/terminal/safe.js';
import { ROOT } from '../support/cli.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'golden');
const GOLDEN = path.join(ROOT, 'tests', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NOW = new Date('2026-11-28T10:00:00Z');

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`tests/golden/${name} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts`);
  // toBe shows a line diff on failure; the file is the expected side.
  expect(actual, `tests/golden/${name} differs: if the change is meant, run UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts`).toBe(readFileSync(file, 'utf8'));
}

const registry = loadRegistry({ bundledDir: null, custom: [path.join(FIXTURES, 'playbooks')] });
const playbooks = registry.playbooks.map((p) => p.playbook);

function assessed(name: string): Assessment {
  const { parsed, problems } = loadAnswersFile(path.join(FIXTURES, name));
  expect(problems).toEqual([]);
  if (!parsed) throw new Error(`${name} did not load`);
  // Paths in the output are relative, so the golden files do not depend on where the checkout is.
  return assessParsed({ ...parsed, file: name }, playbooks, NOW).assessment;
}

function lintClean(markdown: string): string[] {
  const result = lint({ strings: { doc: markdown } });
  return (result.doc ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription}`);
}

describe('golden files', () => {
  it('the fixture playbook loads without a problem', () => {
    expect(registry.problems).toEqual([]);
    expect(playbooks.map((p) => p.id)).toEqual(['house-rules']);
  });

  const acme = assessed('acme.yaml');
  const rendered = renderAll(acme, true);

  it('readiness report (with the chart)', () => {
    expect(lintClean(rendered.report)).toEqual([]);
    expectGolden('readiness-report.md', rendered.report);
  });

  it('checklist', () => {
    const checklist = rendered.checklist ?? '';
    expect(checklist).not.toBe('');
    expect(lintClean(checklist)).toEqual([]);
    expectGolden('checklist.md', checklist);
  });

  it('the assessment as --json prints it', () => {
    expectGolden('assessment.json', `${safeJson(acme)}\n`);
  });

  const matrix = vendorMatrix([snapshotOf('acme.yaml', acme, '2026-11-20T10:30:00Z'), snapshotOf('globex.yaml', assessed('globex.yaml'), '2026-11-21T10:30:00Z')]);

  it('comparison of two vendors', () => {
    const markdown = renderMatrix(matrix, '2026-11-28');
    expect(lintClean(markdown)).toEqual([]);
    expectGolden('comparison.md', markdown);
  });

  it('the comparison as --json prints it', () => {
    expectGolden('comparison.json', `${safeJson({ format: 'outsource-check/comparison@1', mode: 'vendors', ...matrix })}\n`);
  });
});
