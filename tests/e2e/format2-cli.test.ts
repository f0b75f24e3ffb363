import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT, runCli, tempDirs, type CliResult } from '../support/cli.js';
import { lintMarkdown } from '../support/markdownlint.js';

// Format 2 as a user meets it: the built CLI, a custom playbook with every new field (tests/fixtures/format2).

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'format2');
const tempDir = tempDirs('oc-f2-');
const HOME = tempDir('oc-f2-home-');

function cli(cwd: string, args: string[]): CliResult {
  return runCli(['--playbooks', path.join(FIXTURES, 'f2.yaml'), ...args], { cwd, env: { OUTSOURCE_CHECK_HOME: HOME } });
}

function workdir(...files: string[]): string {
  const dir = tempDir();
  for (const f of files) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return dir;
}

interface JsonReport {
  engagement: Record<string, string>;
  stage: string;
  quick: boolean;
  items: { key: string; severity: string; excluded: string | null; region_notes: { region: string }[] }[];
  needs: { key: string; answer: string | null }[];
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(requireBuild);

describe('format 2 through the built CLI', () => {
  it('--json gives each item its resolved severity and only the notes for the client region', () => {
    const cwd = workdir('f2-answers.yaml');
    const r = cli(cwd, ['check', '--answers', 'f2-answers.yaml', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    const terms = report.items.find((i) => i.key === 'f2/processor-terms');
    expect(terms).toMatchObject({ severity: 'critical', excluded: null, region_notes: [{ region: 'uk' }] });
    expect(report).toMatchObject({ stage: 'signing', quick: false, engagement: { client_region: 'uk', vendor_region: 'other' } });
    expect(report.needs).toEqual([expect.objectContaining({ key: 'f2/personal-data', answer: 'yes' })]);
  });

  it('--client-region and --vendor-region win over the file: a US client sees the US note, and no EU/UK-only item', () => {
    const cwd = workdir('f2-answers.yaml');
    const r = cli(cwd, ['report', 'f2-answers.yaml', '--client-region', 'us', '--vendor-region', 'us', '--out', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('US: US-NOTE');
    expect(r.stdout).not.toMatch(/UK-NOTE|EU-NOTE|OTHER-NOTE/);
    expect(r.stdout).toContain('Client based in: the US; vendor based in: the US');
    expect(r.stdout).not.toContain('Are international transfers covered?');
    expect(lintMarkdown(r.stdout)).toEqual([]);
  });

  it('with the client region unknown, the report shows every note, each with its region', () => {
    const cwd = workdir('f2-answers.yaml');
    const text = readFileSync(path.join(cwd, 'f2-answers.yaml'), 'utf8').replace(/ {2}client_region: uk\n/, '');
    const unknown = path.join(cwd, 'unknown.yaml');
    writeFileSync(unknown, text);
    const r = cli(cwd, ['report', 'unknown.yaml', '--out', '-']);
    expect(r.status).toBe(0);
    for (const label of ['US: US-NOTE', 'UK: UK-NOTE', 'EU/EEA: EU-NOTE', 'Elsewhere: OTHER-NOTE']) expect(flat(r.stdout)).toContain(label);
  });

  it('an invalid region in a file is exit 65 with its position; on the command line it is a usage error', () => {
    const cwd = workdir('f2-bad-region.yaml');
    const bad = cli(cwd, ['check', '--answers', 'f2-bad-region.yaml']);
    expect(bad.status).toBe(65);
    expect(bad.stderr).toContain('f2-bad-region.yaml:5:18: `client_region` must be one of us, uk, eu, other, not the text "asia"');
    const flag = cli(cwd, ['template', '--type', 'bpo', '--client-region', 'asia']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("argument 'asia' is invalid. Allowed choices are us, uk, eu, other.");
  });

  it('before signing, onboarding items are "After you sign" tasks; --stage onboarding checks them with a report of its own and no checklist', () => {
    const cwd = workdir('f2-answers.yaml');
    const signing = cli(cwd, ['check', '--answers', 'f2-answers.yaml', '--out', '-']);
    expect(flat(signing.stdout)).toMatch(/## After you sign .*Is there a register of who has access to what\?/);
    const r = cli(cwd, ['check', '--answers', 'f2-answers.yaml', '--stage', 'onboarding']);
    expect(r.status).toBe(0);
    const files = readdirSync(cwd).filter((f) => f.endsWith('.md'));
    expect(files).toEqual([expect.stringMatching(/^outsource-onboarding-fixture-support-ltd-\d{4}-\d\d-\d\d\.md$/)]);
    const report = readFileSync(path.join(cwd, files[0] ?? ''), 'utf8');
    expect(report.split('\n')[0]).toBe('# Onboarding check: Fixture Support Ltd');
    expect(report).toContain('`f2/access-register`');
    expect(report).not.toContain('f2/brief');
    expect(lintMarkdown(report)).toEqual([]);
  });

  it('a blank checklist keeps the conditional clause, with its condition, once, with its position', () => {
    const r = cli(tempDir(), ['checklist', '--type', 'bpo']);
    expect(r.status).toBe(0);
    const lines = flat(r.stdout);
    // With no region given, the transfer item may not apply either: the line says under which conditions it does.
    expect(lines).toContain(
      '- [ ] Data-processing terms (only if the vendor handles personal data, or you are based in the EU or EEA, or in the UK, and the vendor is based in another region than you; from `f2/processor-terms`, `f2/transfer-terms`) - Ask for: Breach notice within 24 hours; deletion within 30 days of the end.',
    );
    // Regions given: the transfer item is asked for sure, so the line is not conditional.
    const known = flat(cli(tempDir(), ['checklist', '--type', 'bpo', '--client-region', 'uk', '--vendor-region', 'other']).stdout);
    expect(known).toContain('- [ ] Data-processing terms (from `f2/processor-terms`, `f2/transfer-terms`)');
    expect(r.stdout.match(/Data-processing terms \(/g)).toHaveLength(1);
    expect(lintMarkdown(r.stdout)).toEqual([]);
    // Without the item that is always asked, the clause hangs on the need question alone.
    const usOnly = cli(tempDir(), ['checklist', '--type', 'bpo', '--client-region', 'us', '--json']);
    const json = JSON.parse(usOnly.stdout) as { format: string; groups: { lines: { id: string; status: string; condition: string | null }[] }[] };
    expect(json.format).toBe('outsource-check/checklist@2');
    expect(json.groups.flatMap((g) => g.lines).find((l) => l.id === 'f2-data-protection')).toMatchObject({ status: 'conditional', condition: 'the vendor handles personal data' });
  });

  it('template --quick lists only the critical items for the type and the need question they hang on', () => {
    const r = cli(tempDir(), ['template', '--type', 'bpo', '--quick', '--playbook', 'f2']);
    expect(r.status).toBe(0);
    const keys = r.stdout.split('\n').filter((l) => /^ {2}f2\//.test(l)).map((l) => l.trim());
    expect(keys).toEqual(['f2/personal-data:', 'f2/processor-terms:', 'f2/brief:']);
    expect(r.stdout).toContain('quick: true');
    expect(r.stdout).toContain('# only if the vendor handles personal data; leave empty otherwise');
    const agency = cli(tempDir(), ['template', '--type', 'agency', '--quick', '--playbook', 'f2']);
    expect(agency.stdout.split('\n').filter((l) => /^ {2}f2\//.test(l)).map((l) => l.trim())).toEqual(['f2/brief:']);
  });
});
