import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importLibrary, type ImportedPlaybook, type ImportOptions } from '../../src/import/ciso.js';
import { readYaml } from '../../src/source/yaml.js';
import { report } from '../../src/cli/run.js';
import type { CommandContext, GlobalOptions } from '../../src/cli/context.js';
import { importCommand } from '../../src/cli/commands/import.js';
import { listPlaybooks, showPlaybook, validatePlaybooks } from '../../src/cli/commands/playbooks.js';
import { templateCommand } from '../../src/cli/commands/template.js';
import { checkCommand } from '../../src/cli/commands/check.js';
import { checklistCommand } from '../../src/cli/commands/checklist.js';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { dueCommand } from '../../src/cli/commands/due.js';
import { ROOT } from '../support/cli.js';
import { ANSWERS_FORMAT } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { playbookSchema } from '../../src/playbook/schema.js';
import { makeStyle } from '../../src/terminal/style.js';
import { runInterview } from '../../src/ui/interview.js';
import { flat, ScriptedAsker } from '../support/scripted-asker.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'ciso');
const fixture = (name: string) => path.join(FIXTURES, name);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-import-test-'));
  made.push(dir);
  return dir;
}

function importText(text: string, options: Partial<ImportOptions> = {}) {
  const parsed = readYaml({ file: 'lib.yaml', text }, { maxAliasCount: 10_000 });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return importLibrary(parsed.yaml, parsed.value, { severity: 'major', ...options });
}

function imported(name: string, options: Partial<ImportOptions> = {}): { playbook: ImportedPlaybook; notices: string[] } {
  const result = importText(readFileSync(fixture(name), 'utf8'), options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n'));
  return result;
}

const items = (pb: ImportedPlaybook) => pb.sections.flatMap((s) => s.items);
const item = (pb: ImportedPlaybook, id: string) => {
  const found = items(pb).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

/** A command context whose output is collected; `cwd` and the state folder are temp folders. */
function fakeContext(cwd: string, home: string) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _enc, done) {
        into.push(String(chunk));
        done();
      },
    });
  const ctx: CommandContext = {
    cwd,
    env: { OUTSOURCE_CHECK_HOME: home, NO_COLOR: '1' },
    stdout: sink(out),
    stderr: sink(err),
    stdinIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** Runs a command in-process; returns its exit code the way src/cli/run.ts maps it, and what it printed. */
async function run(fake: ReturnType<typeof fakeContext>, command: () => Promise<void>): Promise<number> {
  try {
    await command();
    return 0;
  } catch (error) {
    return report(error, fake.ctx.stderr, false);
  }
}

const globals = (playbooks: string[] = []): GlobalOptions => ({ playbooks, color: false, input: false });

describe('importLibrary: what maps to what', () => {
  it('makes sections of the top-level nodes and one item per assessable node, named after its ref_id', () => {
    const { playbook } = imported('acme-vendor-v1.yaml');
    expect(playbook.sections.map((s) => [s.id, s.items.map((i) => i.id)])).toEqual([
      ['gov', ['gov-01', 'gov-02', 'gov-03']],
      ['ops', ['ops-01', 'ops-02']],
      ['requirements', ['final']],
    ]);
    expect(playbook).toMatchObject({ id: 'acme-vendor-check', kind: 'custom', version: '1.0.0', title: 'Contrôle fournisseur', summary: 'Questions à poser à un fournisseur.' });
    expect(playbook.source).toEqual({ name: "Contrôle fournisseur Acme", version: 1, provider: 'Acme', copyright: '© 2026 Acme Test Data, CC BY-SA 4.0', urn: 'urn:acme:risk:library:acme-vendor-check', locale: 'fr' });
  });

  it('asks the question texts where there are questions, the requirement as a question otherwise, and points why/fix at the ref_id', () => {
    const { playbook } = imported('acme-vendor-v1.yaml');
    expect(item(playbook, 'gov-01').question).toBe('Does the vendor meet GOV.01: Le fournisseur a une politique de sécurité écrite?');
    // The text question ("Qui est-ce ?") has no yes/partly/no answer; the boolean follow-up is asked with the first.
    expect(item(playbook, 'gov-02').question).toBe('Une personne est-elle responsable de la sécurité ? A-t-elle un suppléant ?');
    expect(item(playbook, 'ops-02').question).toBe('Does the vendor meet OPS.02: Dernier test de restauration?');
    expect(item(playbook, 'gov-02').why).toBe('Contrôle fournisseur, requirement GOV.02: Responsable sécurité: Une personne est responsable de la sécurité.');
    expect(item(playbook, 'gov-02').fix).toBe("Ask the vendor how they meet requirement GOV.02 of Contrôle fournisseur, and for the evidence it calls for. The library's guidance: Demander le nom et la fiche de poste.");
    expect(items(playbook).every((i) => i.severity === 'major')).toBe(true);
    expect(items(imported('acme-vendor-v1.yaml', { severity: 'critical' }).playbook).every((i) => i.severity === 'critical')).toBe(true);
  });

  it('turns depends_on on another node into `when`, by the choices’ compute_result, and says which it drops', () => {
    const { playbook, notices } = imported('acme-vendor-v1.yaml');
    expect(item(playbook, 'gov-03').when).toEqual({ item: 'gov-02', is: ['yes', 'partly'] });
    // condition `all` over two answers of one question cannot be said with `when`.
    expect(item(playbook, 'ops-01').when).toBeUndefined();
    // A follow-up inside the same node is asked together with it, not made a `when`.
    expect(item(playbook, 'gov-02').when).toBeUndefined();
    expect(notices).toContain('1 `depends_on` condition cannot be said with `when` and is dropped, so that item is always asked: OPS.01');
    expect(notices).toContain('2 free-text, number or date questions left out: a yes/partly/no answer cannot hold their answer; 1 requirement is asked as a requirement instead');
    expect(notices).toContain('implementation groups are not imported: every requirement is asked');
  });

  it('takes the chosen locale, falls back to the library’s own text where a translation is missing, and says so', () => {
    const { playbook, notices } = imported('acme-vendor-v1.yaml', { locale: 'en' });
    expect(playbook.title).toBe('Vendor check');
    expect(playbook.sections.map((s) => s.title)).toEqual(['GOV Governance', 'OPS Operations', 'Vendor check']);
    expect(item(playbook, 'gov-01').question).toBe('Does the vendor meet GOV.01: The vendor has a written security policy?');
    expect(item(playbook, 'gov-02').question).toBe('Is one person responsible for security? A-t-elle un suppléant ?');
    expect(item(playbook, 'final').question).toBe("Does the vendor meet FINAL: Le contrat prévoit un droit d'audit?");
    expect(playbook.source.locale).toBe('en');
    expect(notices.find((n) => n.includes('translation'))).toMatch(/^\d+ texts have no `en` translation and are kept in the library's own language \(`fr`\)$/);
    expect(imported('acme-vendor-v1.yaml').notices.some((n) => n.includes('translation'))).toBe(false);
  });

  it('keeps item ids when a newer version reorders, adds, removes and rewords nodes', () => {
    const v1 = imported('acme-vendor-v1.yaml').playbook;
    const v2 = imported('acme-vendor-v2.yaml').playbook;
    expect(v2.version).toBe('2.0.0');
    const ids1 = new Set(items(v1).map((i) => i.id));
    const ids2 = new Set(items(v2).map((i) => i.id));
    expect([...ids1].filter((id) => !ids2.has(id))).toEqual(['gov-01']);
    expect([...ids2].filter((id) => !ids1.has(id))).toEqual(['gov-04']);
    expect(item(v2, 'final').question).toContain('annuel');
    expect(v2.id).toBe(v1.id);
  });

  it('reads the older shape: question_type, choices shared through an anchor, a list of questions', () => {
    const { playbook, notices } = imported('acme-old-shape.yaml');
    expect(playbook.version).toBe('4.0.0');
    expect(items(playbook).map((i) => [i.id, i.question])).toEqual([
      ['1-1', 'Do you hold a current security certification?'],
      ['1-2', 'Do you screen staff who handle customer data? Do you repeat the screening every three years?'],
      ['1-3', 'Does the vendor meet 1.3: List the sites where customer data is processed?'],
    ]);
    expect(notices).toEqual(['1 free-text, number or date question left out: a yes/partly/no answer cannot hold its answer; 1 requirement is asked as a requirement instead']);
  });
});

describe('importLibrary: bad input is a positioned problem', () => {
  const base = readFileSync(fixture('acme-old-shape.yaml'), 'utf8');
  const problems = (text: string, options: Partial<ImportOptions> = {}) => {
    const result = importText(text, options);
    return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
  };

  it('refuses what is not a CISO Assistant library', () => {
    expect(problems('format: outsource-check/playbook@1\nid: x\n')).toEqual(['1:9: this is already an outsource-check file, not a CISO Assistant library']);
    expect(problems('name: a shopping list\n')).toEqual([expect.stringMatching(/^1:1: not a CISO Assistant library/)]);
    expect(problems('- a\n- b\n')).toEqual([expect.stringMatching(/^1:1: not a CISO Assistant library/)]);
  });

  it('refuses a library with no framework, or with no assessable node', () => {
    expect(problems('urn: urn:x:library:m\nlocale: en\nobjects:\n  risk_matrix:\n    urn: urn:x:matrix\n')).toEqual(['4:3: the library has no framework to import (it holds `risk_matrix`)']);
    expect(problems(base.replace(/assessable: true/g, 'assessable: false'))).toEqual([expect.stringMatching(/^15:7: the framework has no assessable requirement node/)]);
  });

  it('refuses a locale the library does not have, naming the ones it has', () => {
    expect(problems(base, { locale: 'de' })).toEqual(['2:9: the library has no `de` texts; it offers `en` (choose one with --locale)']);
  });

  it('refuses broken parent links, parent cycles, duplicate ref_ids and urns', () => {
    expect(problems(base.replace('parent_urn: urn:acme:risk:req_node:acme-old-shape:1\n        ref_id: \'1.2\'', "parent_urn: urn:acme:risk:req_node:acme-old-shape:9\n        ref_id: '1.2'"))).toEqual([
      '37:21: broken parent link: no node has the urn `urn:acme:risk:req_node:acme-old-shape:9`',
    ]);
    const cycle = base.replace("        depth: 1\n        ref_id: '1'", "        depth: 1\n        parent_urn: urn:acme:risk:req_node:acme-old-shape:1.1\n        ref_id: '1'");
    expect(problems(cycle)).toEqual([
      '18:21: parent links form a cycle: `urn:acme:risk:req_node:acme-old-shape:1` is its own ancestor',
      '24:21: parent links form a cycle: `urn:acme:risk:req_node:acme-old-shape:1.1` is its own ancestor',
    ]);
    expect(problems(base.replace("ref_id: '1.3'", "ref_id: '1.2'"))).toEqual(["51:17: duplicate ref_id `1.2` (first at line 38); items are named after ref_ids, which must be unique"]);
    expect(problems(base.replace('- urn: urn:acme:risk:req_node:acme-old-shape:1.3\n', '- urn: urn:acme:risk:req_node:acme-old-shape:1.2\n'))).toEqual([
      '47:14: duplicate urn `urn:acme:risk:req_node:acme-old-shape:1.2` (first at line 34)',
    ]);
  });
});

describe('playbooks import, and the imported playbook in every command', () => {
  const setup = () => {
    const cwd = temp();
    const home = path.join(cwd, 'home');
    mkdirSync(path.join(cwd, 'pb'));
    return { cwd, home, fake: () => fakeContext(cwd, home) };
  };
  const importOpts = (file: string, extra: Partial<Parameters<typeof importCommand>[1]> = {}) => ({ ...globals(), file, severity: 'major' as const, force: false, ...extra });

  it('prints the playbook, writes it with --out, and never over a file without --force', async () => {
    const { fake } = setup();
    const printed = fake();
    expect(await run(printed, () => importCommand(printed.ctx, importOpts(fixture('acme-vendor-v1.yaml'), { locale: 'en' })))).toBe(0);
    expect(printed.stdout()).toMatch(/^# Imported by outsource-check from the CISO Assistant library acme-vendor-v1\.yaml \(urn:acme:risk:library:acme-vendor-check, version 1, locale en\)\.\n# Copyright: © 2026 Acme Test Data, CC BY-SA 4.0\n/);
    expect((parse(printed.stdout()) as { id: string }).id).toBe('acme-vendor-check');
    expect(printed.stderr()).toContain("note: 1 `depends_on` condition cannot be said with `when`");

    const first = fake();
    expect(await run(first, () => importCommand(first.ctx, importOpts(fixture('acme-vendor-v1.yaml'), { out: 'pb/acme.yaml', id: 'acme' })))).toBe(0);
    expect(first.stdout()).toBe('');
    expect(first.stderr()).toContain('wrote pb/acme.yaml\nacme: 6 items in 3 sections; load it with --playbooks pb\n');
    const again = fake();
    expect(await run(again, () => importCommand(again.ctx, importOpts(fixture('acme-vendor-v2.yaml'), { out: 'pb/acme.yaml', id: 'acme' })))).toBe(73);
    expect(again.stderr()).toContain('pb/acme.yaml: already exists; use --force to overwrite it');
    const forced = fake();
    expect(await run(forced, () => importCommand(forced.ctx, importOpts(fixture('acme-vendor-v2.yaml'), { out: 'pb/acme.yaml', id: 'acme', force: true })))).toBe(0);
  });

  it('exits 65 with file:line:col for a file that is not a library, and for YAML errors', async () => {
    const { cwd, fake } = setup();
    writeFileSync(path.join(cwd, 'matrix.yaml'), 'urn: urn:x:library:m\nlocale: en\nobjects:\n  risk_matrix: {}\n');
    writeFileSync(path.join(cwd, 'broken.yaml'), 'urn: [unclosed\n');
    for (const [file, message] of [
      ['matrix.yaml', 'matrix.yaml:4:3: the library has no framework to import (it holds `risk_matrix`)'],
      ['broken.yaml', 'broken.yaml:2:1: '],
    ] as const) {
      const f = fake();
      expect(await run(f, () => importCommand(f.ctx, importOpts(file)))).toBe(65);
      expect(f.stderr()).toContain(message);
      expect(f.stderr()).not.toMatch(/\n\s+at /);
    }
    const missing = fake();
    expect(await run(missing, () => importCommand(missing.ctx, importOpts('nope.yaml')))).toBe(66);
  });

  it('gives a playbook that lists, shows its copyright, validates, and works in template, check, checklist, compare and due', async () => {
    const { cwd, home, fake } = setup();
    const write = fake();
    expect(await run(write, () => importCommand(write.ctx, importOpts(fixture('acme-vendor-v1.yaml'), { locale: 'en', out: 'pb/acme.yaml' })))).toBe(0);
    const pb = [path.join(cwd, 'pb')];

    const list = fake();
    expect(await run(list, () => listPlaybooks(list.ctx, { ...globals(pb), json: true }))).toBe(0);
    expect((JSON.parse(list.stdout()) as Array<{ id: string; items: number }>).find((p) => p.id === 'acme-vendor-check')?.items).toBe(6);

    const show = fake();
    expect(await run(show, () => showPlaybook(show.ctx, { ...globals(pb), id: 'acme-vendor-check', json: false }))).toBe(0);
    expect(show.stdout()).toContain('Imported from Contrôle fournisseur Acme version 1 by Acme (en)\nCopyright: © 2026 Acme Test Data, CC BY-SA 4.0\nLibrary: urn:acme:risk:library:acme-vendor-check');

    const validate = fake();
    expect(await run(validate, () => validatePlaybooks(validate.ctx, { ...globals(pb), paths: [] }))).toBe(0);
    expect(validate.stdout()).toContain('ok  pb/acme.yaml  (acme-vendor-check, 6 items)');

    const template = fake();
    expect(await run(template, () => templateCommand(template.ctx, { ...globals(pb), type: 'agency', playbook: ['acme-vendor-check'] }))).toBe(0);
    const filled = (value: string) => template.stdout().replace(/^ {2}(acme-vendor-check\/[a-z0-9-]+):$/gm, `  $1: ${value}`).replace(/vendor: .*/, 'vendor: Acme Hosting');
    expect(template.stdout()).toContain('playbooks: [acme-vendor-check]');
    writeFileSync(path.join(cwd, 'yes.yaml'), filled('yes'));
    writeFileSync(path.join(cwd, 'no.yaml'), filled('no').replace('Acme Hosting', 'Beta Hosting'));

    const check = fake();
    expect(await run(check, () => checkCommand(check.ctx, { ...globals(pb), answers: 'yes.yaml', out: '-', force: false, json: true, chart: false, checklist: false, strict: false, notes: true }))).toBe(0);
    const result = JSON.parse(check.stdout()) as { scores: { overall: { percent: number } }; verdict: { level: string }; items: Array<{ key: string; excluded: unknown }> };
    expect(result.scores.overall.percent).toBe(100);
    expect(result.verdict.level).toBe('ready');
    expect(result.items.map((i) => i.key)).toContain('acme-vendor-check/gov-03');

    const checkNo = fake();
    expect(await run(checkNo, () => checkCommand(checkNo.ctx, { ...globals(pb), answers: 'no.yaml', out: '-', force: false, json: true, chart: false, checklist: false, strict: false, notes: true }))).toBe(0);
    const noResult = JSON.parse(checkNo.stdout()) as { items: Array<{ key: string; excluded: string | null }> };
    // gov-03 is asked only when gov-02 is yes or partly.
    expect(noResult.items.find((i) => i.key === 'acme-vendor-check/gov-03')?.excluded).toBe('when');

    const checklist = fake();
    expect(await run(checklist, () => checklistCommand(checklist.ctx, { ...globals(pb), type: 'agency', answers: 'yes.yaml', force: false, json: true, notes: true }))).toBe(0);
    expect(checklist.stdout()).not.toContain('acme-vendor-check');

    const compare = fake();
    expect(await run(compare, () => compareCommand(compare.ctx, { ...globals(pb), files: ['yes.yaml', 'no.yaml'], force: false, json: false, notes: true }))).toBe(0);
    expect(compare.stdout()).toContain('Acme Hosting');
    expect(compare.stdout()).toContain('Beta Hosting');

    // due: a founder who wants answers confirmed yearly adds recheck_months to the imported playbook.
    const file = path.join(cwd, 'pb', 'acme.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\nsections:', '\nrecheck_months: 12\nsections:'));
    mkdirSync(path.join(home, 'sessions'), { recursive: true });
    const session = filled('{ answer: yes, answered: 2025-12-10T10:00:00Z }').replace(/^meta:.*$/m, '') + 'meta:\n  started: 2025-12-10T10:00:00Z\n  finished: 2025-12-10T10:30:00Z\n';
    writeFileSync(path.join(home, 'sessions', 'acme-hosting-20251210T100000Z.yaml'), session);
    const due = fake();
    expect(await run(due, () => dueCommand(due.ctx, { ...globals(pb), json: true, within: 30 }))).toBe(0);
    const dueList = JSON.parse(due.stdout()) as Array<{ vendor: string; due: Array<{ key: string }> }>;
    expect(dueList.map((v) => v.vendor)).toEqual(['Acme Hosting']);
    expect(dueList[0]!.due.map((d) => d.key)).toContain('acme-vendor-check/gov-01');
  });
});

describe('the imported playbook in the interview', () => {
  it('asks its items in order, and a `when` made from depends_on only after a matching answer', async () => {
    const playbook = playbookSchema.parse(imported('acme-vendor-v1.yaml', { locale: 'en' }).playbook);
    const q = (id: string) => playbook.sections.flatMap((s) => s.items).find((i) => i.id === id)!.question;
    const run = async (gov02: string) => {
      const asker = new ScriptedAsker([], { fallback: (shown) => (shown.values.includes('yes') ? (flat(shown.message).includes(flat(q('gov-02'))) ? gov02 : 'yes') : shown.values.includes(':finish') ? ':finish' : '') });
      const done = await runInterview(
        { asker, print: () => {}, style: makeStyle(false), width: 200, now: () => new Date('2026-12-01T10:00:00Z'), save: () => {}, sessionFile: '/tmp/none.yaml' },
        { format: ANSWERS_FORMAT, engagement: { vendor: 'Acme', type: 'agency' }, answers: {}, meta: { started: '2026-12-01T10:00:00Z' } },
        [playbook],
      );
      const asked = asker.shown.filter((s) => s.kind === 'select' && s.values.includes('yes')).map((s) => flat(s.message));
      return { asked, answers: answerMap(done) };
    };
    const yes = await run('yes');
    expect(yes.asked.map((m) => ['gov-01', 'gov-02', 'gov-03', 'ops-01', 'ops-02', 'final'].find((id) => m.includes(flat(q(id)))))).toEqual(['gov-01', 'gov-02', 'gov-03', 'ops-01', 'ops-02', 'final']);
    const no = await run('no');
    expect(no.asked.some((m) => m.includes(flat(q('gov-03'))))).toBe(false);
    expect(no.answers.get('acme-vendor-check/gov-02')?.value).toBe('no');
  });
});
