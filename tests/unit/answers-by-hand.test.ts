/** Answers files a person writes, and the files that sit beside playbooks. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { answerMap } from '../../src/assessment/answers.js';
import { parseAnswers } from '../../src/assessment/load-answers.js';
import { serializeSession } from '../../src/io/sessions.js';
import { bundledPlaybooksDir, loadRegistry } from '../../src/playbook/registry.js';
import { templateCommand } from '../../src/cli/commands/template.js';
import { captureContext } from '../support/capture-context.js';
import { ROOT } from '../support/cli.js';

const file = (answers: string) => `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
answers:
${answers}`;

describe('answers as people write them', () => {
  it('reads Yes, YES, No, Partly, N/A, n/a and Not applicable as the canonical values', () => {
    const { parsed, problems } = parseAnswers({
      file: 'a.yaml',
      text: file(`  communication/one-page-brief: Yes
  communication/single-owner: YES
  alignment/sla-defined: { answer: N/A, note: none }
  alignment/kpis-track-outcomes: Partly
  growth/minimum-volume: n/a
  management/access-control: Not applicable
  management/offboarding: " No "
`),
    });
    expect(problems).toEqual([]);
    const answers = answerMap(parsed!.answers);
    expect(Object.fromEntries([...answers].map(([k, a]) => [k, a.value]))).toEqual({
      'communication/one-page-brief': 'yes',
      'communication/single-owner': 'yes',
      'alignment/sla-defined': 'na',
      'alignment/kpis-track-outcomes': 'partly',
      'growth/minimum-volume': 'na',
      'management/access-control': 'na',
      'management/offboarding': 'no',
    });
  });

  it('writes them back in the canonical form', () => {
    const { parsed } = parseAnswers({ file: 'a.yaml', text: file('  communication/one-page-brief: YES\n  alignment/sla-defined: { answer: N/A, note: none }\n') });
    const saved = parseYaml(serializeSession(parsed!.answers, 's.yaml'));
    expect(saved.answers).toEqual({ 'communication/one-page-brief': 'yes', 'alignment/sla-defined': { answer: 'na', note: 'none' } });
  });

  it('true and false keep their did-you-mean', () => {
    const { parsed, problems } = parseAnswers({ file: 'a.yaml', text: file('  communication/one-page-brief: true\n  communication/single-owner: False\n') });
    expect(parsed).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([
      'an answer must be one of yes, partly, no, na, or left empty, not true (did you mean `yes`?)',
      'an answer must be one of yes, partly, no, na, or left empty, not false (did you mean `no`?)',
    ]);
  });
});

describe('template', () => {
  it('points editors at a schema that works on any machine: the pinned URL, not a path into this install', async () => {
    const { ctx, out } = captureContext();
    await templateCommand(ctx, { playbooks: [], color: false, input: false, type: 'bpo', playbook: [] });
    const first = out().split('\n')[0];
    expect(first).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/outsource-check@\d+\.\d+\.\d+\/schema\/answers\.schema\.json$/);
    expect(out()).not.toContain(ROOT);
  });
});

describe('other outsource-check files in a playbooks folder', () => {
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-pbdir-'));
    writeFileSync(path.join(dir, 'mine.yaml'), readFileSync(path.join(ROOT, 'tests/fixtures/playbooks/valid/vendor-onboarding.yaml'), 'utf8'));
    return dir;
  };

  it('skips an answers file or a report with a notice, and loads the playbooks beside it', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'acme-session.yaml'), file('  communication/one-page-brief: yes\n'));
    writeFileSync(path.join(dir, 'old-report.yaml'), 'format: outsource-check/report@1\nengagement: {}\n');
    const registry = loadRegistry({ bundledDir: bundledPlaybooksDir(), custom: [dir] });
    expect(registry.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(registry.problems.map((p) => `${path.basename(p.file)}: ${p.level}: ${p.message}`)).toEqual([
      'acme-session.yaml: warning: skipped: this is an outsource-check answers file, not a playbook',
      'old-report.yaml: warning: skipped: this is an outsource-check report, not a playbook',
    ]);
    expect(registry.playbooks.some((p) => p.file === path.join(dir, 'mine.yaml'))).toBe(true);
  });

  it('any other unknown format is still an error with its position', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'odd.yaml'), 'format: something/else@1\n');
    const registry = loadRegistry({ bundledDir: bundledPlaybooksDir(), custom: [dir] });
    expect(registry.problems).toEqual([expect.objectContaining({ file: path.join(dir, 'odd.yaml'), line: 1, col: 9, level: 'error' })]);
  });

  it('an answers file named on its own is still an error: it was meant as a playbook', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'x'));
    const named = path.join(dir, 'x', 'acme.yaml');
    writeFileSync(named, file('  communication/one-page-brief: yes\n'));
    const registry = loadRegistry({ bundledDir: bundledPlaybooksDir(), custom: [named] });
    expect(registry.problems).toEqual([expect.objectContaining({ level: 'error', message: 'this is an answers file, not a playbook' })]);
  });
});
