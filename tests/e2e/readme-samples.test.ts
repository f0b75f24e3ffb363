/**
 * The README's "A check in the terminal" shows a real session. Its answers are
 * kept in tests/fixtures/answers/readme-session.yaml, so when a playbook or the
 * report changes, these tests say the README is out of date instead of letting
 * it drift. To refresh it, run the session again (README, "A check in the
 * terminal") and copy the new session file over the fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requireBuild, ROOT, runCli, tempDirs } from '../support/cli.js';

const tempDir = tempDirs('oc-readme-e2e-');
const SESSION = path.join(ROOT, 'tests/fixtures/answers/readme-session.yaml');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## A check in the terminal'), README.indexOf('Each question shows why it matters'));

beforeAll(requireBuild);

/** The fenced blocks of one language in the section, in order. */
function blocks(lang: string): string[] {
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
}

/** Every line of an excerpt, "…" (lines left out) aside, appears in the output in the same order. */
function expectExcerptOf(output: string, excerpt: string): void {
  const lines = output.split('\n');
  let at = 0;
  const shown = excerpt.split('\n').filter((line) => line !== '' && line !== '…');
  expect(shown.length).toBeGreaterThan(5);
  for (const line of shown) {
    const found = lines.indexOf(line, at);
    expect(found, `README line not in the real output (or out of order): ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(flat(value));
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
  return into;
}

/**
 * The "Why it matters:" and "To fix:" paragraphs of a transcript. A reason runs
 * on in unindented lines until the question (✔ or ?) or the next marker; a fix
 * runs on in lines indented like its first.
 */
function paragraphs(transcript: string): string[] {
  const found: string[] = [];
  const lines = transcript.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^( *)(Why it matters|To fix): (.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const indent = m[1] ?? '';
    const parts = [m[3] ?? ''];
    const goesOn = (line: string) =>
      indent === ''
        ? line !== '' && !/^(?:[✔?[…]|outsource-check:| {2}[A-Z]{2}:)/.test(line)
        : line.startsWith(indent) && /^\S/.test(line.slice(indent.length));
    while (i + 1 < lines.length && goesOn(lines[i + 1] ?? '')) parts.push(lines[++i] ?? '');
    found.push(flat(parts.join(' ')));
  }
  return found;
}

describe('the README session', () => {
  it('shows the start of the report and checklist that its answers give today', () => {
    const [report, checklist] = blocks('markdown');
    expect(report).toMatch(/^# Outsourcing readiness: Dana Kowalski\n/);
    expect(checklist).toMatch(/^# Pre-contract checklist: Dana Kowalski\n/);
    const r = runCli(['report', SESSION, '--out', '-', '--no-checklist'], { cwd: tempDir() });
    expect(r.status, r.stderr).toBe(0);
    expectExcerptOf(r.stdout, report ?? '');
    const c = runCli(['checklist', '--answers', SESSION], { cwd: tempDir() });
    expect(c.status, c.stderr).toBe(0);
    expectExcerptOf(c.stdout, checklist ?? '');
  });

  it('ends the transcript with the verdict and scores of those answers', () => {
    const [transcript] = blocks('text');
    const r = runCli(['report', SESSION, '--json'], { cwd: tempDir() });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { scores: { overall: { percent: number } }; blockers: string[] };
    expect(transcript).toContain(`Not ready: overall ${Math.round(result.scores.overall.percent)} of 100\n`);
    expect(transcript).toContain(`Blockers (${result.blockers.length}):`);
    for (const key of result.blockers) expect(transcript).toContain(`(${key})`);
  });

  it("quotes every reason and fix in the transcript from today's playbooks", () => {
    const [transcript] = blocks('text');
    const texts = readdirSync(path.join(ROOT, 'playbooks'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => strings(parse(readFileSync(path.join(ROOT, 'playbooks', f), 'utf8'))));
    const quoted = paragraphs(transcript ?? '');
    expect(quoted.length).toBeGreaterThan(5);
    for (const text of quoted) expect(texts.some((t) => t.includes(text)), `not in any bundled playbook: ${text}`).toBe(true);
  });
});
