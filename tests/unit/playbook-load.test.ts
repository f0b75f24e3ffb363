import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlaybookFile, parsePlaybook } from '../../src/playbook/load.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { decodeSource, MAX_SOURCE_BYTES, readSource } from '../../src/source/read.js';
import { editorOf, expectOneProblem, onlyProblem, type MalformedCase } from '../support/problems.js';

/** Every case below is this playbook with one small edit; the line numbers in the table refer to it. */
const VALID = `format: outsource-check/playbook@1
id: sample
kind: skill
title: Sample
version: 1.0.0
summary: A sample playbook.
applies_to: [freelancer, agency, bpo]
sections:
  - id: basics
    title: Basics
    items:
      - id: has-brief
        question: Do you have a brief?
        why: Without one, scope drifts.
        fix: Write a one-page brief.
        severity: critical
      - id: has-sla
        question: Is there an SLA?
        why: No SLA, no remedy.
        fix: Agree an SLA.
        severity: major
        weight: 3
        recheck_months: 12
        when:
          item: has-brief
          is: [yes, partly]
        clause:
          group: performance
          text: SLA schedule with metric, target and formula
        tags: [sla]
        sources: ["https://example.com/sla-guide"]
`;

/** Replaces the one occurrence of `from`; a second occurrence would make the case ambiguous, so it throws. */
const edit = editorOf(VALID);

/** The text up to (not including) the first line that starts with `marker`. */
function upTo(marker: string, text = VALID): string {
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`\`${marker}\` not found`);
  return text.slice(0, at);
}

const parse = (text: string) => parsePlaybook({ file: 'x.yaml', text });

const cases: MalformedCase[] = [
  { name: 'YAML syntax error', text: edit('title: Basics', 'title: Basics: more'), line: 10, col: 12, message: 'Nested mappings are not allowed' },
  { name: 'YAML syntax error: bracket closed with a brace', text: edit('tags: [sla]', 'tags: [sla}'), line: 30, col: 19, message: /Unexpected flow-map-end|flow sequence/i },
  { name: 'more than one YAML document', text: `${VALID}---\nid: other\n`, line: 32, col: 1, message: 'a file holds one YAML document' },
  { name: 'duplicate key', text: edit('kind: skill\n', 'kind: skill\nkind: custom\n'), line: 4, col: 1, message: 'duplicate key' },
  { name: 'unknown top-level field (typo)', text: edit('summary:', 'sumary:'), line: 6, col: 1, message: 'unknown field `sumary` (did you mean `summary`?)' },
  { name: 'unknown top-level field (no near match)', text: edit('kind: skill\n', 'kind: skill\nauthor: me\n'), line: 4, col: 1, message: 'unknown field `author` (allowed: format, id, kind' },
  { name: 'unknown section field', text: edit('    title: Basics', '    titel: Basics'), line: 10, col: 5, message: 'unknown field `titel` (did you mean `title`?)' },
  { name: 'unknown item field', text: edit('severity: critical', 'severty: critical'), line: 16, col: 9, message: 'unknown field `severty` (did you mean `severity`?)' },
  { name: 'unknown when field', text: edit('is: [yes, partly]', 'iss: [yes, partly]'), line: 26, col: 11, message: 'unknown field `iss` (did you mean `is`?)' },
  { name: 'unknown clause field', text: edit('group: performance', 'gruop: performance'), line: 28, col: 11, message: 'unknown field `gruop` (did you mean `group`?)' },
  { name: 'wrong type: list for text', text: edit('title: Sample', 'title: [a, b]'), line: 4, col: 8, message: '`title` must be text, not a list' },
  { name: 'wrong type: text for number', text: edit('weight: 3', 'weight: heavy'), line: 22, col: 17, message: '`weight` must be a number, not the text "heavy"' },
  { name: 'wrong type: text for list', text: edit('applies_to: [freelancer, agency, bpo]', 'applies_to: bpo'), line: 7, col: 13, message: '`applies_to` must be a list, not the text "bpo"' },
  { name: 'wrong type: empty value', text: edit('title: Sample', 'title:'), line: 4, col: 7, message: '`title` must be text, not nothing (null)' },
  { name: 'wrong type: item is not a mapping', text: edit('      - id: has-brief', '      - just a question?\n      - id: has-brief'), line: 12, col: 9, message: 'entry 1 of `items` must be a mapping' },
  { name: 'bad severity (typo)', text: edit('severity: critical', 'severity: critcal'), line: 16, col: 19, message: '`severity` must be one of critical, major, minor, not the text "critcal" (did you mean `critical`?)' },
  { name: 'bad severity (number)', text: edit('severity: major', 'severity: 5'), line: 21, col: 19, message: '`severity` must be one of critical, major, minor, not the number 5' },
  { name: 'bad kind', text: edit('kind: skill', 'kind: focus'), line: 3, col: 7, message: '`kind` must be one of skill, focus-area, custom, not the text "focus"' },
  { name: 'bad clause group', text: edit('group: performance', 'group: perf'), line: 28, col: 18, message: '`group` must be one of scope, performance, legal, change-exit, due-diligence' },
  { name: 'bad applies_to entry', text: edit('[freelancer, agency, bpo]', '[freelancer, startup, bpo]'), line: 7, col: 26, message: 'entry 2 of `applies_to` must be one of freelancer, agency, bpo, other, not the text "startup"' },
  { name: 'bad when.is entry', text: edit('is: [yes, partly]', 'is: [yes, maybe]'), line: 26, col: 21, message: 'entry 2 of `is` must be one of yes, partly, no, na, not the text "maybe"' },
  { name: 'non-kebab item id', text: edit('id: has-sla', 'id: Has_SLA'), line: 17, col: 13, message: '`id` must be kebab-case' },
  { name: 'non-kebab section id', text: edit('id: basics', 'id: The Basics'), line: 9, col: 9, message: '`id` must be kebab-case: lower-case letters, digits and single hyphens, not the text "The Basics"' },
  { name: 'non-kebab playbook id', text: edit('id: sample', 'id: sample--x'), line: 2, col: 5, message: '`id` must be kebab-case' },
  { name: 'bad semver version', text: edit('version: 1.0.0', 'version: "1.0"'), line: 5, col: 10, message: '`version` must be a semantic version such as 1.0.0, not the text "1.0"' },
  { name: 'version parsed as a number', text: edit('version: 1.0.0', 'version: 1.0'), line: 5, col: 10, message: '`version` must be text, not the number 1.0' },
  { name: 'missing top-level field', text: edit('title: Sample\n', ''), line: 1, col: 1, message: 'missing required field `title`' },
  { name: 'missing section field, at the section', text: edit('    title: Basics\n', ''), line: 9, col: 5, message: 'missing required field `title`' },
  { name: 'missing item field, at the item', text: edit('        why: Without one, scope drifts.\n', ''), line: 12, col: 9, message: 'missing required field `why`' },
  { name: 'missing when field, at `when`', text: edit('          is: [yes, partly]\n', ''), line: 24, col: 9, message: 'missing required field `is`' },
  { name: 'missing clause field, at `clause`', text: edit('          text: SLA schedule with metric, target and formula\n', ''), line: 27, col: 9, message: 'missing required field `text`' },
  { name: 'empty sections list', text: `${upTo('sections:')}sections: []\n`, line: 8, col: 11, message: '`sections` needs at least 1 entry' },
  { name: 'empty items list', text: `${upTo('    items:')}    items: []\n`, line: 11, col: 12, message: '`items` needs at least 1 entry' },
  { name: 'empty when.is list', text: edit('is: [yes, partly]', 'is: []'), line: 26, col: 15, message: '`is` needs at least 1 entry' },
  { name: 'empty string question', text: edit('question: Do you have a brief?', 'question: ""'), line: 13, col: 19, message: '`question` must not be empty' },
  { name: 'blank question', text: edit('question: Do you have a brief?', 'question: "   "'), line: 13, col: 19, message: '`question` must not be empty' },
  { name: 'weight 0', text: edit('weight: 3', 'weight: 0'), line: 22, col: 17, message: '`weight` must be greater than 0' },
  { name: 'negative weight', text: edit('weight: 3', 'weight: -2'), line: 22, col: 17, message: '`weight` must be greater than 0' },
  { name: 'recheck_months not a whole number', text: edit('recheck_months: 12', 'recheck_months: 1.5'), line: 23, col: 25, message: '`recheck_months` must be a whole number, not the number 1.5' },
  { name: 'recheck_months out of range', text: edit('recheck_months: 12', 'recheck_months: 0'), line: 23, col: 25, message: '`recheck_months` must be at least 1' },
  { name: 'source a broken URL', text: edit('"https://example.com/sla-guide"', '"https://exa mple.com"'), line: 31, col: 19, message: 'entry 1 of `sources` must be a URL, or a citation such as "GDPR Art. 28(3)"' },
  {
    name: 'duplicate section id',
    text: `${VALID}  - id: basics\n    title: Again\n    items:\n      - id: other\n        question: Q?\n        why: W.\n        fix: F.\n        severity: minor\n`,
    line: 32,
    col: 9,
    message: 'duplicate section id `basics` (first used at line 9)',
  },
  { name: 'duplicate item id', text: edit('id: has-sla', 'id: has-brief'), line: 17, col: 13, message: 'duplicate item id `has-brief` (first used at line 12)' },
  { name: '`when` naming a missing item', text: edit('item: has-brief', 'item: has-breif'), line: 25, col: 17, message: '`when` names item `has-breif`, which this playbook does not have' },
  { name: 'malformed `when` reference', text: edit('item: has-brief', 'item: a/b/c'), line: 25, col: 17, message: 'must be an item id, or `playbook-id/item-id`' },
  { name: 'unknown format', text: edit('playbook@1', 'playbook@3'), line: 1, col: 9, message: 'unknown format "outsource-check/playbook@3"; this version reads `outsource-check/playbook@1` or `outsource-check/playbook@2`' },
  { name: 'format of the wrong type', text: edit('format: outsource-check/playbook@1', 'format: 1'), line: 1, col: 9, message: 'unknown format 1' },
  { name: 'missing format', text: edit('format: outsource-check/playbook@1\n', ''), line: 1, col: 1, message: 'missing required field `format`' },
  {
    name: 'an answers file given as a playbook',
    text: 'format: outsource-check/answers@1\nengagement:\n  vendor: Acme\n  type: bpo\nanswers:\n  sample/has-brief: yes\n',
    line: 1,
    col: 9,
    message: 'this is an answers file, not a playbook',
  },
  { name: 'top-level list instead of a mapping', text: '- format: outsource-check/playbook@1\n- id: sample\n', line: 1, col: 1, message: 'a playbook must be a mapping of fields' },
  { name: 'top-level text instead of a mapping', text: 'just some notes\n', line: 1, col: 1, message: 'a playbook must be a mapping of fields' },
  { name: 'empty file', text: '', line: 1, col: 1, message: 'the file is empty' },
  { name: 'whitespace-only file', text: '  \n\n\t\n   ', line: 1, col: 1, message: 'the file is empty' },
  { name: 'alias without an anchor', text: edit('kind: skill', 'kind: *kind'), line: 3, col: 7, message: 'alias `*kind` names no anchor before it' },
];

describe('parsePlaybook: malformed playbooks', () => {
  it('accepts the playbook every case is built from', () => {
    const { parsed, problems } = parse(VALID);
    expect(problems).toEqual([]);
    expect(parsed?.playbook.sections[0]?.items.map((i) => i.id)).toEqual(['has-brief', 'has-sla']);
  });

  it('has a table of at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $line:$col', ({ text, line, col, message }) => {
    // One mistake, one problem: a second one would be a cascade the author has to see through.
    expectOneProblem(parse(text), { file: 'x.yaml', line, col, message });
  });

  it('reports all problems in a file at once, not only the first', () => {
    let text = edit('kind: skill', 'kind: skil');
    text = edit('severity: critical', 'severity: urgent', text);
    text = edit('id: has-sla', 'id: has-brief', text);
    const { parsed, problems } = parse(text);
    expect(parsed).toBeNull();
    expect(problems.map((p) => [p.line, p.col, p.level])).toEqual([
      [3, 7, 'error'],
      [16, 19, 'error'],
      [17, 13, 'error'],
    ]);
    expect(problems[0]?.message).toContain('did you mean `skill`?');
    expect(problems[1]?.message).toContain('not the text "urgent"');
    expect(problems[2]?.message).toContain('duplicate item id `has-brief`');
  });

  it('reports a typo and a missing required field separately when the typo is not of that field', () => {
    const text = edit('        why: Without one, scope drifts.\n', '        severety: high\n');
    const { problems } = parse(text);
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '12:9 missing required field `why`',
      '14:9 unknown field `severety` (did you mean `severity`?)',
    ]);
  });

  it('accepts anchors and aliases used for real reuse', () => {
    const text = edit('applies_to: [freelancer, agency, bpo]', 'applies_to: &types [freelancer, agency, bpo]').replace('severity: critical', 'severity: critical\n        applies_to: *types');
    const { parsed, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(parsed?.playbook.sections[0]?.items[0]?.applies_to).toEqual(['freelancer', 'agency', 'bpo']);
  });
});

// ---------------------------------------------------------------------------

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'outsource-check-load-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/**
 * A playbook of one section whose items are `[id, when-target?]`. The first
 * item starts on line 11; an item takes 5 lines, 6 with a `when`, whose
 * `item` value is at column 23 of its last line.
 */
function playbook(id: string, items: ReadonlyArray<readonly [string, string?]>): string {
  const body = items
    .map(([itemId, when]) =>
      [
        `      - id: ${itemId}`,
        '        question: Q?',
        '        why: W.',
        '        fix: F.',
        '        severity: minor',
        `        when: { item: ${when ?? 'placeholder'}, is: [yes] }`,
      ]
        .slice(0, when ? 6 : 5)
        .join('\n'),
    )
    .join('\n');
  return `format: outsource-check/playbook@1\nid: ${id}\nkind: custom\ntitle: T\nversion: 1.0.0\nsummary: S.\nsections:\n  - id: s\n    title: S\n    items:\n${body}\n`;
}

interface RegistryCase {
  name: string;
  files: Record<string, string>;
  expected: Array<{ file: string; line: number; col: number; message: string }>;
}

const registryCases: RegistryCase[] = [
  {
    name: '`when` naming a playbook that is not loaded',
    files: { 'a.yaml': playbook('a', [['x', 'nope/y']]) },
    expected: [{ file: 'a.yaml', line: 16, col: 23, message: '`when` names playbook `nope`, which is not loaded' }],
  },
  {
    name: '`when` naming a missing item in another playbook',
    files: { 'a.yaml': playbook('a', [['x', 'b/zz']]), 'b.yaml': playbook('b', [['y']]) },
    expected: [{ file: 'a.yaml', line: 16, col: 23, message: '`when` names item `b/zz`, which playbook `b` does not have' }],
  },
  {
    name: '`when` cycle of 2 items across two playbooks',
    files: { 'a.yaml': playbook('a', [['x', 'b/y']]), 'b.yaml': playbook('b', [['y', 'a/x']]) },
    expected: [
      { file: 'a.yaml', line: 16, col: 23, message: '`when` conditions form a cycle: a/x → b/y → a/x' },
      { file: 'b.yaml', line: 16, col: 23, message: '`when` conditions form a cycle: b/y → a/x → b/y' },
    ],
  },
  {
    name: '`when` cycle of 3 items across two playbooks',
    files: { 'a.yaml': playbook('a', [['x', 'b/y'], ['z', 'x']]), 'b.yaml': playbook('b', [['y', 'a/z']]) },
    expected: [
      { file: 'a.yaml', line: 16, col: 23, message: '`when` conditions form a cycle: a/x → b/y → a/z → a/x' },
      { file: 'a.yaml', line: 22, col: 23, message: '`when` conditions form a cycle: a/z → a/x → b/y → a/z' },
      { file: 'b.yaml', line: 16, col: 23, message: '`when` conditions form a cycle: b/y → a/z → a/x → b/y' },
    ],
  },
  {
    name: 'self-referencing `when`',
    files: { 'a.yaml': playbook('a', [['x', 'x']]) },
    expected: [{ file: 'a.yaml', line: 16, col: 23, message: '`when` conditions form a cycle: a/x → a/x' }],
  },
  {
    name: 'self-referencing `when` with the playbook id spelled out',
    files: { 'a.yaml': playbook('a', [['x'], ['w', 'a/w']]) },
    expected: [{ file: 'a.yaml', line: 21, col: 23, message: '`when` conditions form a cycle: a/w → a/w' }],
  },
  {
    name: 'duplicate playbook ids between two custom files',
    files: { 'a.yaml': playbook('same', [['x']]), 'b.yaml': playbook('same', [['y']]) },
    expected: [{ file: 'b.yaml', line: 2, col: 5, message: 'playbook id `same` is already used by ' }],
  },
];

describe('loadRegistry: problems across playbooks', () => {
  it.each(registryCases)('$name', ({ files, expected }) => {
    const dir = writeFiles(files);
    const { problems } = loadRegistry({ bundledDir: null, custom: [dir] });
    const got = problems.map((p) => ({ file: path.relative(dir, p.file), line: p.line, col: p.col, level: p.level, message: p.message }));
    const sorted = [...got].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    expect(sorted).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(sorted[i]).toMatchObject({ file: e.file, line: e.line, col: e.col, level: 'error' });
      expect(sorted[i]?.message).toContain(e.message);
    });
  });

  it('names the first file and position when a custom playbook id is used twice', () => {
    const dir = writeFiles({ 'a.yaml': playbook('same', [['x']]), 'b.yaml': playbook('same', [['y']]) });
    const { problems, playbooks } = loadRegistry({ bundledDir: null, custom: [dir] });
    expect(problems[0]?.message).toContain(`${path.join(dir, 'a.yaml')}:2:5`);
    expect(playbooks.map((p) => p.file)).toEqual([path.join(dir, 'a.yaml')]);
  });

  it('accepts a `when` chain that ends, across playbooks', () => {
    const dir = writeFiles({ 'a.yaml': playbook('a', [['x', 'b/y'], ['w', 'x']]), 'b.yaml': playbook('b', [['y']]) });
    const { problems, playbooks } = loadRegistry({ bundledDir: null, custom: [dir] });
    expect(problems).toEqual([]);
    expect(playbooks.map((p) => p.playbook.id).sort()).toEqual(['a', 'b']);
  });

  it('lets a custom playbook replace a bundled one with the same id', () => {
    const bundled = writeFiles({ 'same.yaml': playbook('same', [['x']]), 'other.yaml': playbook('other', [['y']]) });
    const custom = writeFiles({ 'mine.yaml': playbook('same', [['z']]) });
    const { problems, playbooks } = loadRegistry({ bundledDir: bundled, custom: [custom] });
    expect(problems).toEqual([]);
    const same = playbooks.find((p) => p.playbook.id === 'same');
    expect(same).toMatchObject({ origin: 'custom', file: path.join(custom, 'mine.yaml'), replaces: path.join(bundled, 'same.yaml') });
    expect(playbooks.find((p) => p.playbook.id === 'other')).toMatchObject({ origin: 'bundled', replaces: null });
  });
});

// ---------------------------------------------------------------------------

const BILLION_LAUGHS = `format: outsource-check/playbook@1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

const DEPTH = 20_000;

function fileWith(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

describe('hostile input', () => {
  it('stops an alias bomb (billion laughs) with a clear problem', () => {
    const { parsed, problems } = parse(BILLION_LAUGHS);
    expect(parsed).toBeNull();
    const problem = onlyProblem(problems);
    expect(problem.message).toMatch(/aliases expand to too many nodes \(limit \d+\); is this an alias bomb\?/);
    expect(problem.line).toBeGreaterThan(1);
  });

  it('stops an alias bomb read from a file', () => {
    const { parsed, problems } = loadPlaybookFile(fileWith('bomb.yaml', BILLION_LAUGHS));
    expect(parsed).toBeNull();
    expect(onlyProblem(problems).message).toContain('alias bomb');
  });

  const TOO_DEEP = 'the document is nested too deeply to load (more than 100 levels)';

  it(`reports ${DEPTH}-level flow nesting as one problem, at the 101st level, without throwing`, () => {
    const text = `format: outsource-check/playbook@1\nid: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`;
    const { parsed, problems } = parse(text);
    expect(parsed).toBeNull();
    // The mapping is level 1, so the 100th bracket (column 5 + 99) opens level 101.
    expect(onlyProblem(problems)).toMatchObject({ line: 2, col: 104, message: TOO_DEEP });
  });

  it(`reports ${DEPTH} unclosed brackets as one problem, not one per bracket`, () => {
    const { problems } = parse(`${'['.repeat(DEPTH)}\n`);
    expect(onlyProblem(problems)).toMatchObject({ line: 1, col: 101, message: TOO_DEEP });
  });

  it(`reports ${DEPTH}-level flow mapping nesting as one problem`, () => {
    const { problems } = parse(`${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`);
    expect(onlyProblem(problems)).toMatchObject({ line: 1, col: 401, message: TOO_DEEP });
  });

  it(`reports ${DEPTH}-level block sequence nesting as one problem`, () => {
    // `- - - … 1` is block style; nested block mappings need one more space per level (200 MB at this depth).
    const { problems } = parse(`${'- '.repeat(DEPTH)}1\n`);
    expect(onlyProblem(problems)).toMatchObject({ line: 1, col: 201, message: TOO_DEEP });
  });

  it('reports deep block mapping nesting as one problem', () => {
    const depth = 1_500;
    const text = `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;
    const { problems } = loadPlaybookFile(fileWith('deep.yaml', text));
    expect(onlyProblem(problems)).toMatchObject({ line: 101, col: 101, message: TOO_DEEP });
  });

  it('survives deep nesting again and again in one process, always at the same place', () => {
    // Composing such documents repeatedly used to make V8 abort the process ("RegExpCompiler Allocation failed").
    const inputs = [`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`, `${'- '.repeat(DEPTH)}1`, '['.repeat(DEPTH)];
    for (let round = 0; round < 4; round++) {
      expect(inputs.map((text) => onlyProblem(parse(text).problems)).map((p) => `${p.line}:${p.col}`)).toEqual(['1:101', '1:201', '1:101']);
    }
  });

  it('accepts nesting up to the limit and refuses one level more', () => {
    // A mapping whose value is n nested lists is n + 1 levels deep.
    const nested = (n: number) => parse(`k: ${'['.repeat(n)}${']'.repeat(n)}\n`).problems.map((p) => p.message);
    // 100 levels load, and the loader goes on to the next check.
    expect(nested(99)).toEqual(['missing required field `format`; this version reads `outsource-check/playbook@1` or `outsource-check/playbook@2`']);
    expect(nested(100)).toEqual([TOO_DEEP]);
  });

  it('caps the number of syntax errors reported for one file', () => {
    const { problems } = parse(`format: outsource-check/playbook@1\n${'id: x\n'.repeat(200)}`);
    expect(problems.slice(0, 20).map((p) => `${p.line} ${p.message}`)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 3} duplicate key \`id\`: each key may appear only once in a mapping`));
    expect(problems).toHaveLength(21);
    expect(problems[20]).toMatchObject({ line: 23, message: 'and up to 179 more YAML syntax errors; fix the ones above first' });
  });

  it('refuses a 50 MB file by its size, before reading it', () => {
    const file = path.join(tempDir(), 'huge.yaml');
    closeSync(openSync(file, 'w'));
    truncateSync(file, 50 * 1024 * 1024);
    const result = readSource(file);
    expect(result.ok).toBe(false);
    const problem = onlyProblem(result.ok ? [] : result.problems);
    expect(problem).toMatchObject({ file, line: 1, col: 1 });
    expect(problem.message).toBe('file is 50.0 MiB, larger than the 8.0 MiB limit');
    expect(MAX_SOURCE_BYTES).toBe(8 * 1024 * 1024);
  });

  it('refuses a file that claims to be empty but never ends (/dev/zero)', () => {
    const result = readSource('/dev/zero');
    expect(result.ok).toBe(false);
    expect(onlyProblem(result.ok ? [] : result.problems).message).toContain('larger than the 8.0 MiB limit');
  });

  it('accepts a file just under the cap', () => {
    const file = fileWith('big.yaml', `${VALID}#${'x'.repeat(MAX_SOURCE_BYTES - VALID.length - 2)}\n`);
    const result = readSource(file);
    expect(result.ok).toBe(true);
  });

  it('refuses binary bytes (NUL) at their position', () => {
    const file = fileWith('binary.yaml', Buffer.concat([Buffer.from('format: x\nid: é\ntitle: ab'), Buffer.from([0, 1, 2, 0xff]), Buffer.from('\n')]));
    const { parsed, problems } = loadPlaybookFile(file);
    expect(parsed).toBeNull();
    // Columns count characters: `é` is two bytes but one column.
    expect(onlyProblem(problems)).toMatchObject({ file, line: 3, col: 10, message: 'file is binary (it contains a NUL byte), not YAML text' });
  });

  it('refuses non-UTF-8 bytes on the line and column where they are', () => {
    const bytes = Buffer.concat([Buffer.from(VALID.split('\n').slice(0, 2).join('\n') + '\nkind: sk'), Buffer.from([0xff, 0xfe]), Buffer.from('ill\n')]);
    const { parsed, problems } = loadPlaybookFile(fileWith('latin1.yaml', bytes));
    expect(parsed).toBeNull();
    expect(onlyProblem(problems)).toMatchObject({ line: 3, col: 9, message: 'file is not valid UTF-8 text; save it as UTF-8' });
  });

  it('places a bad byte correctly after multi-byte characters and a typed U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: 2\ntitle: ü\uFFFD€ x'), Buffer.from([0xe2, 0x28]), Buffer.from(' y\n')]);
    const result = decodeSource('x.yaml', bytes);
    expect(result.ok).toBe(false);
    expect(onlyProblem(result.ok ? [] : result.problems)).toMatchObject({ line: 3, col: 13 });
  });

  it('names UTF-16 for a UTF-16 file rather than calling it binary', () => {
    const result = decodeSource('x.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]));
    expect(result.ok).toBe(false);
    expect(onlyProblem(result.ok ? [] : result.problems).message).toBe('file is UTF-16 text; save it as UTF-8');
  });

  it('loads a file that starts with a byte-order mark', () => {
    const { parsed, problems } = loadPlaybookFile(fileWith('bom.yaml', `\uFEFF${VALID}`));
    expect(problems).toEqual([]);
    expect(parsed?.playbook.format).toBe('outsource-check/playbook@1');
  });

  it('keeps columns right on the first line after a byte-order mark', () => {
    const { problems } = loadPlaybookFile(fileWith('bom-bad.yaml', `\uFEFF${edit('playbook@1', 'playbook@9')}`));
    expect(onlyProblem(problems)).toMatchObject({ line: 1, col: 9 });
  });

  it('loads a file with CRLF line endings', () => {
    const { parsed, problems } = loadPlaybookFile(fileWith('crlf.yaml', VALID.replace(/\n/g, '\r\n')));
    expect(problems).toEqual([]);
    expect(parsed?.playbook.sections[0]?.items[1]?.clause?.text).toBe('SLA schedule with metric, target and formula');
  });

  it('keeps error positions right with CRLF line endings', () => {
    let text = edit('severity: critical', 'severity: urgent');
    text = edit('summary:', 'sumary:', text);
    const { problems } = loadPlaybookFile(fileWith('crlf-bad.yaml', text.replace(/\n/g, '\r\n')));
    expect(problems.map((p) => `${p.line}:${p.col}`).sort()).toEqual(['16:19', '6:1']);
    expect(problems.map((p) => p.message).join('\n')).not.toContain('\r');
  });

  it('keeps NUL and UTF-8 positions right with CRLF line endings', () => {
    const result = decodeSource('x.yaml', Buffer.concat([Buffer.from('a: 1\r\nb: 2\r\nc: 3'), Buffer.from([0xc0]), Buffer.from('\r\n')]));
    expect(result.ok ? [] : result.problems).toMatchObject([{ line: 3, col: 5 }]);
  });
});
