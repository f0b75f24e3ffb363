/**
 * The commands of src/cli/commands run in-process with a fake context
 * (tests/support/context.ts): options in, stdout and stderr captured, and the
 * exit code decided by the CLI's own error mapping. The spawned tests in
 * tests/e2e keep the few things only a real process shows (argument parsing,
 * pipes, signals, start-up).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCommand, type CheckOptions } from '../../src/cli/commands/check.js';
import { checklistCommand } from '../../src/cli/commands/checklist.js';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { dueCommand } from '../../src/cli/commands/due.js';
import { historyCommand } from '../../src/cli/commands/history.js';
import { listPlaybooks, showPlaybook, validatePlaybooks } from '../../src/cli/commands/playbooks.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { printSchema } from '../../src/cli/commands/schema.js';
import { templateCommand } from '../../src/cli/commands/template.js';
import { MAX_PRINTED_PROBLEMS } from '../../src/cli/problems.js';
import { InputError, InvalidDataError, UsageError } from '../../src/errors.js';
import { ROOT, tempDirs } from '../support/cli.js';
import { fakeContext, globals, reportOptions, runIn, type Fake } from '../support/context.js';
import { ScriptedAsker, type Shown } from '../support/scripted-asker.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const HOSTILE_PB = path.join(FIXTURES, 'playbooks', 'hostile');
const tempDir = tempDirs('oc-commands-');

/** Any control character a terminal acts on: C0 but tab and newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const NON_STYLE_ESCAPE = /\u001b(?!\[(?:\d+;)*\d*m)/;

function fake(over: { env?: NodeJS.ProcessEnv; tty?: boolean; asker?: ScriptedAsker; cwd?: string } = {}): Fake {
  const cwd = over.cwd ?? tempDir();
  return fakeContext({ cwd, env: { OUTSOURCE_CHECK_HOME: path.join(cwd, '.state'), ...over.env }, ...(over.tty ? { tty: true } : {}), ...(over.asker ? { asker: over.asker } : {}) });
}

const checkOptions = (over: Partial<CheckOptions> = {}): CheckOptions => ({ ...globals(), ...reportOptions(), ...over });

describe('text from files never reaches the terminal as control sequences', () => {
  it('playbooks show prints an OSC title, a cursor-up-and-erase, an OSC 8 link and a bidi override escaped', async () => {
    const f = fake();
    const r = await runIn(f, (ctx) => showPlaybook(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), id: 'hostile', json: false }));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('Hostile\\x1b]0;pwned-title\\x07Title');
    expect(r.stdout).toContain('Why: Erases the line above\\x1b[1A\\x1b[2K when printed raw.');
    expect(r.stdout).toContain('\\x1b]8;;https://evil.example/\\x1b\\here');
    expect(r.stdout).toContain('Is the \\u202eevil\\u202c text safe\\x9b?');
  });

  it('with colour on, the only escape sequences playbooks show prints are its own colours', async () => {
    const f = fake({ env: { FORCE_COLOR: '1' } });
    const r = await runIn(f, (ctx) => showPlaybook(ctx, { ...globals({ playbooks: [HOSTILE_PB], color: true }), id: 'hostile', json: false }));
    expect(r.stdout).toContain('\u001b[1m');
    expect(r.stdout).not.toMatch(NON_STYLE_ESCAPE);
    expect(r.stdout).not.toContain('\u0007');
  });

  it('playbooks list and --json keep the text but not its controls', async () => {
    const list = await runIn(fake(), (ctx) => listPlaybooks(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), json: false }));
    expect(list.stdout).toContain('Hostile\\x1b]0;pwned-title\\x07Title');
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    const json = await runIn(fake(), (ctx) => showPlaybook(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), id: 'hostile', json: true }));
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    // The same text, escaped the JSON way.
    expect((JSON.parse(json.stdout) as { title: string; sections: { items: { question: string }[] }[] }).sections[0]?.items[0]?.question).toBe('Is the \u202eevil\u202c text safe\u009b?');
  });

  it('check --answers: the report and the messages carry no controls from the answers or the playbook', async () => {
    const f = fake();
    const r = await runIn(f, (ctx) => checkCommand(ctx, checkOptions({ playbooks: [HOSTILE_PB], answers: path.join(FIXTURES, 'answers', 'hostile.yaml'), out: '-' })));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Half done');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('check --answers: an unknown field whose name holds an OSC sequence is echoed escaped, exit 65', async () => {
    const r = await runIn(fake(), (ctx) => checkCommand(ctx, checkOptions({ answers: path.join(FIXTURES, 'answers', 'hostile-field.yaml') })));
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('unknown field `\\x1b]0;pwned-answers\\x07`');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('playbooks validate: unknown keys with escapes in them are echoed escaped', async () => {
    const r = await runIn(fake(), (ctx) => validatePlaybooks(ctx, { ...globals(), paths: [path.join(FIXTURES, 'playbooks', 'hostile-invalid')] }));
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('unknown field `\\x1b]0;pwned-key\\x07`');
    expect(r.stderr).toContain('unknown field `sev\\x1b[2Jerity` (did you mean `severity`?)');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('the interview prints why, fix and the summary escaped', async () => {
    const asker = new ScriptedAsker([], { fallback: interviewAnswers({ answer: 'no' }) });
    const f = fake({ tty: true, asker });
    const r = await runIn(f, (ctx) => checkCommand(ctx, checkOptions({ playbooks: [HOSTILE_PB], vendor: 'Acme\u001b]0;pwned-vendor\u0007', type: 'agency' })));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Erases the line above\\x1b[1A\\x1b[2K');
    expect(r.stderr).toContain('To fix: Click \\x1b]8;;https://evil.example/');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

/** Answers every question with `answer`, takes only the playbooks named, picks the first choice elsewhere, and finishes at the review. */
function interviewAnswers(options: { answer: string; playbooks?: string[] }): (shown: Shown) => unknown {
  return (shown) => {
    if (shown.kind === 'checkbox') return options.playbooks ?? shown.values.filter((v) => v === 'hostile' || v === 'custom-pb');
    if (shown.kind === 'input') return '';
    if (shown.kind === 'confirm') return false;
    if (shown.values.includes(':finish')) return ':finish';
    if (shown.values.includes(options.answer)) return options.answer;
    // Anything else the interview asks first (regions, stage): its first choice.
    return shown.values[0];
  };
}

describe('hostile sizes: linear work, and a bounded number of printed problems', () => {
  it(`32,000 unknown answer keys: ${MAX_PRINTED_PROBLEMS} warnings printed, a count of the rest, and every answer kept in the report`, async () => {
    const dir = tempDir();
    const keys = Array.from({ length: 32_000 }, (_, i) => `gone/item-${i}`);
    writeFileSync(path.join(dir, 'many.yaml'), ['format: outsource-check/answers@1', 'engagement: { vendor: Acme, type: agency }', 'answers:', ...keys.map((k) => `  ${k}: yes`), ''].join('\n'));
    const r = await runIn(fake({ cwd: dir }), (ctx) => checkCommand(ctx, checkOptions({ answers: 'many.yaml', out: '-' })));
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('many.yaml:'))).toHaveLength(MAX_PRINTED_PROBLEMS);
    expect(lines[lines.indexOf(lines.filter((l) => l.startsWith('many.yaml:')).at(-1) ?? '') + 1]).toBe(`… and ${32_000 - MAX_PRINTED_PROBLEMS} more problems not shown`);
    expect(lines[0]).toBe('many.yaml:4:3: warning: answer for `gone/item-0` matches no item (no playbook `gone` is loaded); it is kept in the report but not scored');
    // Positions still come out right at the far end of the mapping.
    expect(r.stdout.match(/^- `gone\/item-\d+`/gm)).toHaveLength(32_000);
  });

  function chain(n: number, cycle: boolean): string {
    const items = Array.from({ length: n }, (_, i) => {
      const target = i > 0 ? `i${i - 1}` : cycle ? `i${n - 1}` : null;
      return [`      - id: i${i}`, '        question: Q?', '        why: W.', '        fix: F.', '        severity: minor', ...(target ? [`        when: { item: ${target}, is: [yes] }`] : [])].join('\n');
    });
    return ['format: outsource-check/playbook@1', 'id: chain', 'kind: custom', 'title: Chain', 'version: 1.0.0', 'summary: A long chain.', 'sections:', '  - id: s', '    title: S', '    items:', ...items, ''].join('\n');
  }

  it('a 5,000-item `when` chain loads; closed into a cycle, each item is reported once, capped, in one short line each', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'ok'));
    mkdirSync(path.join(dir, 'cycle'));
    writeFileSync(path.join(dir, 'ok', 'chain.yaml'), chain(5000, false));
    writeFileSync(path.join(dir, 'cycle', 'chain.yaml'), chain(5000, true));
    const ok = await runIn(fake({ cwd: dir }), (ctx) => listPlaybooks(ctx, { ...globals({ playbooks: ['ok'] }), json: false }));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^chain +custom +Chain +1\.0\.0 +5000 +ok\/chain\.yaml$/m);

    const bad = await runIn(fake({ cwd: dir }), (ctx) => validatePlaybooks(ctx, { ...globals(), paths: ['cycle'] }));
    expect(bad.code).toBe(65);
    expect(bad.error).toBeInstanceOf(InvalidDataError);
    expect((bad.error as InvalidDataError).problems).toHaveLength(5000);
    const lines = bad.stderr.trimEnd().split('\n');
    const shown = lines.filter((l) => l.startsWith('cycle/chain.yaml:'));
    expect(shown).toHaveLength(MAX_PRINTED_PROBLEMS);
    expect(shown[0]).toBe('cycle/chain.yaml:16:23: `when` conditions form a cycle: chain/i0 → chain/i4999 → chain/i4998 → … 4995 more … → chain/i2 → chain/i1 → chain/i0');
    for (const line of shown) expect(line.length).toBeLessThan(200);
    expect(lines.slice(-2)).toEqual([`… and ${5000 - MAX_PRINTED_PROBLEMS} more problems not shown`, 'outsource-check: 5000 problems found']);
  });
});

describe('playbooks validate: one real file is one file, however it is named', () => {
  function setup(): { dir: string; pb: string } {
    const dir = tempDir();
    const pb = path.join(dir, 'pb');
    mkdirSync(pb);
    cpSync(path.join(FIXTURES, 'playbooks', 'valid', 'vendor-onboarding.yaml'), path.join(pb, 'vendor-onboarding.yaml'));
    symlinkSync('pb', path.join(dir, 'link'));
    return { dir, pb };
  }

  it.each<[string, { playbooks?: string[] }, NodeJS.ProcessEnv, string]>([
    ['--playbooks pb, validate pb', { playbooks: ['pb'] }, {}, 'pb'],
    ['--playbooks link (a symlink to pb), validate ./pb/', { playbooks: ['link'] }, {}, './pb/'],
    ['OUTSOURCE_CHECK_PLAYBOOKS=link, validate pb', {}, { OUTSOURCE_CHECK_PLAYBOOKS: 'link' }, 'pb'],
  ])('%s: no clash with itself, one ok line', async (_name, opts, env, target) => {
    const { dir } = setup();
    const r = await runIn(fake({ cwd: dir, env }), (ctx) => validatePlaybooks(ctx, { ...globals(opts), paths: [target] }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok  pb/vendor-onboarding.yaml  (vendor-onboarding, 2 items)\n1 playbook valid\n');
  });

  it('a broken file loaded twice is reported once', async () => {
    const { dir, pb } = setup();
    cpSync(path.join(FIXTURES, 'playbooks', 'invalid', 'typo.yaml'), path.join(pb, 'typo.yaml'));
    const r = await runIn(fake({ cwd: dir }), (ctx) => validatePlaybooks(ctx, { ...globals({ playbooks: ['link'] }), paths: ['pb'] }));
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('pb/typo.yaml:15:9: unknown field `severty` (did you mean `severity`?)\noutsource-check: 1 problem found\n');
  });
});

describe('resuming a session after its playbooks changed', () => {
  const SESSION = [
    'format: outsource-check/answers@1',
    'engagement: { vendor: Custom Co, type: agency }',
    'playbooks: [custom-pb]',
    'answers:',
    '  custom-pb/a: yes',
    '  custom-pb/c: { answer: no, note: "c was never done" }',
    'meta:',
    '  started: 2026-11-01T10:00:00Z',
    '  updated: 2026-11-01T10:05:00Z',
    '  playbook_versions: { custom-pb: 1.0.0 }',
    '',
  ].join('\n');

  it('warns that the version moved, asks only the open items, records the new version, and keeps the answer to the removed item', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'session.yaml'), SESSION);
    const asker = new ScriptedAsker([], { fallback: interviewAnswers({ answer: 'yes' }) });
    const r = await runIn(fake({ cwd: dir, tty: true, asker }), (ctx) => checkCommand(ctx, checkOptions({ playbooks: [path.join(FIXTURES, 'compare', 'pb-v2')], resume: 'session.yaml' })));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('session.yaml:10:35: warning: these answers were given against custom-pb 1.0.0; the loaded playbook is 1.1.0');
    expect(r.stderr).toContain('session.yaml:6:3: warning: answer for `custom-pb/c` matches no item');
    // Only b and d were open.
    expect(asker.shown.filter((s) => s.kind === 'select' && !s.values.includes(':finish')).map((s) => s.message)).toEqual(['Is item b in place?', 'Is item d in place?']);

    const saved = parse(readFileSync(path.join(dir, 'session.yaml'), 'utf8')) as { answers: Record<string, unknown>; meta: { playbook_versions: Record<string, string>; finished?: string } };
    expect(saved.meta.playbook_versions).toEqual({ 'custom-pb': '1.1.0' });
    expect(saved.meta.finished).toBeDefined();
    expect(saved.answers['custom-pb/c']).toEqual({ answer: 'no', note: 'c was never done' });

    const report = readFileSync(path.join(dir, 'outsource-readiness-custom-co-2026-11-28.md'), 'utf8');
    expect(report).toMatch(/- `custom-pb\/c`: no\b.*Note: c was never done/);
  });

  it.each([
    ['named in `playbooks`', SESSION],
    ['only in meta.playbook_versions', SESSION.replace('playbooks: [custom-pb]\n', '')],
  ])('refuses with 66, before asking or writing anything, when a playbook of the session (%s) is not loaded', async (_name, text) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'session.yaml'), text);
    const asker = new ScriptedAsker([]);
    const r = await runIn(fake({ cwd: dir, tty: true, asker }), (ctx) => checkCommand(ctx, checkOptions({ resume: 'session.yaml' })));
    expect(r.code).toBe(66);
    expect(r.error).toBeInstanceOf(InputError);
    expect(r.stderr).toContain('outsource-check: session.yaml: this session uses the playbook `custom-pb`, which is not loaded now.');
    expect(asker.shown).toEqual([]);
    expect(readFileSync(path.join(dir, 'session.yaml'), 'utf8')).toBe(text);
    expect(readdirSync(dir).filter((n) => n.endsWith('.md'))).toEqual([]);
  });

  it('a re-check of a session whose playbook is gone is refused the same way', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'session.yaml'), SESSION);
    const r = await runIn(fake({ cwd: dir, tty: true, asker: new ScriptedAsker([]) }), (ctx) => checkCommand(ctx, checkOptions({ recheck: 'session.yaml' })));
    expect(r.code).toBe(66);
    // No new session was started for it.
    const sessions = path.join(dir, '.state', 'sessions');
    expect(existsSync(sessions) ? readdirSync(sessions) : []).toEqual([]);
  });
});

describe('each command in-process', () => {
  const partial = path.join(FIXTURES, 'answers', 'partial-bpo.yaml');

  it('check without answers and without a terminal is a usage error (2)', async () => {
    const r = await runIn(fake(), (ctx) => checkCommand(ctx, checkOptions()));
    expect(r.code).toBe(2);
    expect(r.error).toBeInstanceOf(UsageError);
    expect(r.stderr).toContain('this is not an interactive terminal');
  });

  it('report FILE writes the report and the checklist and names them', async () => {
    const f = fake();
    const r = await runIn(f, (ctx) => reportCommand(ctx, { ...globals(), ...reportOptions(), file: partial }));
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['wrote outsource-readiness-acme-support-ltd-2026-11-28.md', 'wrote outsource-checklist-acme-support-ltd-2026-11-28.md']);
    expect(r.stderr).toMatch(/^Not ready: overall \d+ of 100, \d+ blockers$/m);
    expect(readFileSync(path.join(f.ctx.cwd, 'outsource-readiness-acme-support-ltd-2026-11-28.md'), 'utf8')).toContain('# Outsourcing readiness: Acme Support Ltd');
    const again = await runIn(fake({ cwd: f.ctx.cwd }), (ctx) => reportCommand(ctx, { ...globals(), ...reportOptions(), file: partial }));
    expect(again.code).toBe(73);
  });

  it('report --fail-under 99 exits 1 after writing', async () => {
    const r = await runIn(fake(), (ctx) => reportCommand(ctx, { ...globals(), ...reportOptions({ failUnder: 99, out: '-' }), file: partial }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('# Outsourcing readiness');
  });

  it('checklist --type and --answers; a contradicting type is a usage error', async () => {
    const typed = await runIn(fake(), (ctx) => checklistCommand(ctx, { ...globals(), type: 'bpo', force: false, json: false, notes: true }));
    expect(typed.code).toBe(0);
    expect(typed.stdout).toMatch(/^# /);
    const wrong = await runIn(fake(), (ctx) => checklistCommand(ctx, { ...globals(), type: 'freelancer', answers: partial, force: false, json: false, notes: true }));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--type freelancer contradicts the answers file');
  });

  it('template lists only the chosen playbook, and an unknown id is a usage error with a suggestion', async () => {
    const r = await runIn(fake(), (ctx) => templateCommand(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), type: 'agency', playbook: ['hostile'] }));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^ {2}[a-z0-9-]+\/[a-z0-9-]+:$/.test(l))).toEqual(['  hostile/first:', '  hostile/second:']);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const bad = await runIn(fake(), (ctx) => templateCommand(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), type: 'agency', playbook: ['hostle'] }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean `hostile`');
  });

  it('compare needs two files, and compares two vendors', async () => {
    const one = await runIn(fake(), (ctx) => compareCommand(ctx, { ...globals(), files: [partial], force: false, json: false, notes: true }));
    expect(one.code).toBe(2);
    const two = await runIn(fake(), (ctx) => compareCommand(ctx, { ...globals(), files: [path.join(FIXTURES, 'compare', 'alpha.yaml'), path.join(FIXTURES, 'compare', 'beta.yaml')], force: false, json: true, notes: true }));
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({ format: 'outsource-check/comparison@1', mode: 'vendors' });
  });

  it('history and due with no sessions say so on stderr and print nothing on stdout', async () => {
    const h = await runIn(fake(), (ctx) => historyCommand(ctx, { ...globals(), json: false }));
    expect(h).toMatchObject({ code: 0, stdout: '' });
    expect(h.stderr).toContain('No saved sessions yet');
    const d = await runIn(fake(), (ctx) => dueCommand(ctx, { ...globals(), json: false, within: 30 }));
    expect(d).toMatchObject({ code: 0, stdout: '' });
    expect(d.stderr).toContain('Nothing falls due in the next 30 days.');
  });

  it('history lists a saved session with its vendor name escaped', async () => {
    const f = fake();
    const sessions = path.join(f.ctx.cwd, '.state', 'sessions');
    mkdirSync(sessions, { recursive: true });
    writeFileSync(
      path.join(sessions, 'acme.yaml'),
      'format: outsource-check/answers@1\nengagement: { vendor: "Acme\\e]0;pwned\\a", type: agency }\nanswers: {}\nmeta: { started: 2026-11-27T10:00:00Z, updated: 2026-11-27T10:00:00Z }\n',
    );
    const r = await runIn(f, (ctx) => historyCommand(ctx, { ...globals(), json: false }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Acme\\x1b]0;pwned\\x07');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('schema prints the committed schema file', async () => {
    const r = await runIn(fake(), (ctx) => printSchema(ctx, { which: 'answers' }));
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'schema', 'answers.schema.json'), 'utf8'));
  });

  it('playbooks show of an unknown id is a usage error with a suggestion', async () => {
    const r = await runIn(fake(), (ctx) => showPlaybook(ctx, { ...globals({ playbooks: [HOSTILE_PB] }), id: 'hostle', json: false }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean `hostile`');
  });
});
