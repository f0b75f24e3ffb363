import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerMap } from '../../src/assessment/answers.js';
import { parseAnswers, selectForAnswers, type ParsedAnswers } from '../../src/assessment/load-answers.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { editorOf, expectOneProblem, where, type MalformedCase } from '../support/problems.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const registry = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] });
const bundled = registry.playbooks.map((p) => p.playbook);
/** The bundled playbook's version, so these tests follow content updates instead of pinning them. */
const versionOf = (id: string): string => bundled.find((p) => p.id === id)?.version ?? 'missing';

/** Every bad case below is this file with one small edit; the line numbers in the table refer to it. */
const VALID = `format: outsource-check/answers@1
engagement:
  vendor: Acme Support Ltd
  type: bpo
  scope: Tier-1 customer support
answers:
  communication/one-page-brief: yes
  communication/single-owner: { answer: partly, note: "Drafted, not signed yet" }
  alignment/sla-defined:
    answer: no
    note: Only response time so far
    answered: 2026-11-28T10:00:00Z
`;

/** Replaces the one occurrence of `from`; a second occurrence would make the case ambiguous, so it throws. */
const edit = editorOf(VALID);

const parse = (text: string) => parseAnswers({ file: 'answers.yaml', text });

function parsedOrThrow(text: string): ParsedAnswers {
  const { parsed, problems } = parse(text);
  if (!parsed) throw new Error(`expected a valid answers file, got:\n${problems.map(where).join('\n')}`);
  return parsed;
}

const cases: MalformedCase[] = [
  { name: 'unknown format version', text: edit('answers@1', 'answers@2'), line: 1, col: 9, message: 'unknown format "outsource-check/answers@2"; this version reads `outsource-check/answers@1`' },
  { name: 'missing format', text: edit('format: outsource-check/answers@1\n', ''), line: 1, col: 1, message: 'missing required field `format`' },
  { name: 'a playbook given as answers', text: 'format: outsource-check/playbook@1\nid: sample\nkind: skill\n', line: 1, col: 9, message: 'this is a playbook, not an answers file' },
  { name: 'missing engagement', text: edit('engagement:\n  vendor: Acme Support Ltd\n  type: bpo\n  scope: Tier-1 customer support\n', ''), line: 1, col: 1, message: 'missing required field `engagement`' },
  { name: 'missing vendor', text: edit('  vendor: Acme Support Ltd\n', ''), line: 2, col: 1, message: 'missing required field `vendor`' },
  { name: 'empty vendor', text: edit('vendor: Acme Support Ltd', 'vendor: "  "'), line: 3, col: 11, message: '`vendor` must not be empty' },
  { name: 'missing type', text: edit('  type: bpo\n', ''), line: 2, col: 1, message: 'missing required field `type`' },
  { name: 'bad type, with did-you-mean', text: edit('type: bpo', 'type: bop'), line: 4, col: 9, message: '`type` must be one of freelancer, agency, bpo, other, not the text "bop" (did you mean `bpo`?)' },
  { name: 'bad type, nothing close', text: edit('type: bpo', 'type: contractor'), line: 4, col: 9, message: /^`type` must be one of freelancer, agency, bpo, other, not the text "contractor"$/ },
  { name: 'unknown engagement field', text: edit('  scope:', '  scop:'), line: 5, col: 3, message: 'unknown field `scop` (did you mean `scope`?)' },
  { name: 'unknown top-level field', text: edit('answers:\n', 'answer:\n'), line: 6, col: 1, message: 'unknown field `answer` (did you mean `answers`?)' },
  { name: 'bad answer value `maybe`', text: edit('one-page-brief: yes', 'one-page-brief: maybe'), line: 7, col: 33, message: /^an answer must be one of yes, partly, no, na, or left empty, not the text "maybe"$/ },
  { name: 'bad answer value `true`', text: edit('one-page-brief: yes', 'one-page-brief: true'), line: 7, col: 33, message: 'an answer must be one of yes, partly, no, na, or left empty, not true (did you mean `yes`?)' },
  { name: 'bad answer value `false`', text: edit('one-page-brief: yes', 'one-page-brief: false'), line: 7, col: 33, message: 'not false (did you mean `no`?)' },
  { name: 'bad answer value, a typo', text: edit('one-page-brief: yes', 'one-page-brief: yse'), line: 7, col: 33, message: 'not the text "yse" (did you mean `yes`?)' },
  { name: 'bad answer value, a number', text: edit('one-page-brief: yes', 'one-page-brief: 1'), line: 7, col: 33, message: 'an answer must be one of yes, partly, no, na, or left empty, not the number 1' },
  { name: 'bad answer value, a list', text: edit('one-page-brief: yes', 'one-page-brief: [yes]'), line: 7, col: 33, message: 'not a list' },
  { name: 'bad `answer` in the long form', text: edit('answer: partly', 'answer: maybe'), line: 8, col: 31, message: /^`answer` must be one of yes, partly, no, na, not the text "maybe"$/ },
  { name: 'bad `answer` in the block long form', text: edit('answer: no', 'answer: nope'), line: 10, col: 5, message: '`answer` must be one of yes, partly, no, na, not the text "nope" (did you mean `no`?)' },
  { name: 'a note that is not text', text: edit('note: Only response time so far', 'note: [a, b]'), line: 10, col: 5, message: '`note` must be text, not a list' },
  { name: 'unknown field in an answer (`notes`)', text: edit('note: "Drafted', 'notes: "Drafted'), line: 8, col: 49, message: 'unknown field `notes` (did you mean `note`?)' },
  { name: 'bad key shape (`no-slash`)', text: edit('communication/one-page-brief', 'no-slash'), line: 7, col: 13, message: '`no-slash`: an answer key must be `playbook-id/item-id` in lower-case kebab-case' },
  { name: 'bad key shape (capitals)', text: edit('communication/one-page-brief', 'Communication/One-Page-Brief'), line: 7, col: 33, message: '`Communication/One-Page-Brief`: an answer key must be `playbook-id/item-id`' },
  { name: 'bad `answered` timestamp', text: edit('2026-11-28T10:00:00Z', 'yesterday'), line: 12, col: 15, message: '`answered` must be a date and time such as 2026-11-28T10:00:00Z, not the text "yesterday"' },
  { name: '`answered` without a time', text: edit('2026-11-28T10:00:00Z', '2026-11-28'), line: 12, col: 15, message: '`answered` must be a date and time such as 2026-11-28T10:00:00Z, not the text "2026-11-28"' },
  { name: '`answers` as a list', text: edit('  communication/one-page-brief: yes\n', '  - communication/one-page-brief: yes\n').replace(/ {2}communication\/single-owner[\s\S]*/, ''), line: 7, col: 3, message: /^`answers` must be / },
  { name: 'empty `playbooks` list', text: edit('answers:\n', 'playbooks: []\nanswers:\n'), line: 6, col: 12, message: '`playbooks` needs at least 1 entry' },
  { name: 'bad playbook id in `playbooks`', text: edit('answers:\n', 'playbooks: [Alignment]\nanswers:\n'), line: 6, col: 13, message: 'entry 1 of `playbooks` must be kebab-case' },
  { name: 'bad `meta.started`', text: `${VALID}meta:\n  started: soon\n`, line: 14, col: 12, message: '`started` must be a date and time' },
  { name: 'YAML syntax error', text: edit('  type: bpo', '  type: bpo: agency'), line: 4, col: 9, message: 'Nested mappings are not allowed' },
  { name: 'duplicate key', text: edit('  type: bpo\n', '  type: bpo\n  type: agency\n'), line: 5, col: 3, message: 'duplicate key `type`: each key may appear only once in a mapping' },
  { name: 'duplicate answer', text: `${VALID}  communication/one-page-brief: no\n`, line: 13, col: 3, message: 'duplicate key' },
  { name: 'empty file', text: '', line: 1, col: 1, message: 'the file is empty; an answers file starts with `format: outsource-check/answers@1` (`outsource-check template` writes one)' },
  { name: 'whitespace-only file', text: '\n  \n\t\n', line: 1, col: 1, message: 'the file is empty' },
  { name: 'top-level list', text: '- format: outsource-check/answers@1\n- engagement: {}\n', line: 1, col: 1, message: 'an answers file must be a mapping of fields, starting with `format: outsource-check/answers@1`' },
  { name: 'top-level text', text: 'yes\n', line: 1, col: 1, message: 'an answers file must be a mapping of fields' },
];

describe('parseAnswers: malformed answers files', () => {
  it('accepts the file every case is built from', () => {
    const { parsed, problems } = parse(VALID);
    expect(problems).toEqual([]);
    expect(Object.keys(parsed?.answers.answers ?? {})).toEqual(['communication/one-page-brief', 'communication/single-owner', 'alignment/sla-defined']);
  });

  it('has a table of at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('$name → $line:$col', ({ text, line, col, message }) => {
    // One mistake, one problem: anything more is a cascade the user has to see through.
    const problem = expectOneProblem(parse(text), { file: 'answers.yaml', line, col, message });
    // zod's own wording never reaches the user.
    expect(problem.message).not.toMatch(/Invalid input|Invalid key in record|expected string, received/);
  });

  it('reports every problem in a file at once, in reading order', () => {
    let text = edit('type: bpo', 'type: bop');
    text = edit('one-page-brief: yes', 'one-page-brief: maybe', text);
    text = edit('note: "Drafted', 'notes: "Drafted', text);
    text = edit('2026-11-28T10:00:00Z', 'yesterday', text);
    const { parsed, problems } = parse(text);
    expect(parsed).toBeNull();
    expect(problems.map((p) => [p.line, p.col])).toEqual([
      [4, 9],
      [7, 33],
      [8, 49],
      [12, 15],
    ]);
  });
});

// ---------------------------------------------------------------------------

describe('parseAnswers: valid hand-written files', () => {
  it('loads bare values, empty (template-style) values, explicit nulls and the long form', () => {
    const text = `# Hand-written, with comments.
format: outsource-check/answers@1
engagement:
  vendor: "Acme: Support | Ltd"
  type: freelancer
playbooks: [communication, contract-legal]
answers:
  communication/one-page-brief: yes
  communication/single-owner: partly
  communication/availability-and-overlap: no
  communication/weekly-check-in: na
  communication/decision-log:
  communication/async-handover: null
  communication/review-turnaround: ~
  contract-legal/read-every-clause: { answer: yes, note: "Read twice; asked about clause 9" }
  contract-legal/ip-assignment:
    answer: na
    note: >-
      Nothing to own: the freelancer only
      reviews our code.
  contract-legal/processor-terms: { note: Waiting for their draft }
  contract-legal/governing-law-forum: { answer: null, answered: 2026-11-01T09:30:00+01:00 }
meta:
  started: 2026-11-28T10:00:00Z
  playbook_versions: { communication: ${versionOf('communication')} }
`;
    const parsed = parsedOrThrow(text);
    expect(parsed.answers.engagement).toEqual({ vendor: 'Acme: Support | Ltd', type: 'freelancer' });
    expect(parsed.answers.playbooks).toEqual(['communication', 'contract-legal']);
    const map = answerMap(parsed.answers);
    const get = (key: string) => map.get(key as `${string}/${string}`);
    expect(get('communication/one-page-brief')).toEqual({ value: 'yes', note: null, answered: null });
    expect(get('communication/single-owner')?.value).toBe('partly');
    expect(get('communication/availability-and-overlap')?.value).toBe('no');
    expect(get('communication/weekly-check-in')?.value).toBe('na');
    for (const empty of ['communication/decision-log', 'communication/async-handover', 'communication/review-turnaround']) {
      expect(get(empty)).toEqual({ value: null, note: null, answered: null });
    }
    expect(get('contract-legal/read-every-clause')).toEqual({ value: 'yes', note: 'Read twice; asked about clause 9', answered: null });
    expect(get('contract-legal/ip-assignment')).toEqual({ value: 'na', note: 'Nothing to own: the freelancer only reviews our code.', answered: null });
    expect(get('contract-legal/processor-terms')).toEqual({ value: null, note: 'Waiting for their draft', answered: null });
    expect(get('contract-legal/governing-law-forum')).toEqual({ value: null, note: null, answered: '2026-11-01T09:30:00+01:00' });

    const selection = selectForAnswers(parsed, bundled);
    expect(selection.problems).toEqual([]);
    expect(selection.unknownAnswers).toEqual([]);
    expect(selection.playbooks.map((p) => p.id)).toEqual(['communication', 'contract-legal']);
  });

  it('loads a file with no answers yet, and one with an empty `answers:`', () => {
    const head = 'format: outsource-check/answers@1\nengagement:\n  vendor: Acme\n  type: other\n';
    expect(parsedOrThrow(head).answers.answers).toBeUndefined();
    expect(parsedOrThrow(`${head}answers:\n`).answers.answers).toBeNull();
    expect(answerMap(parsedOrThrow(`${head}answers:\n`).answers).size).toBe(0);
  });

  it('loads a file with CRLF line ends', () => {
    const parsed = parsedOrThrow(VALID.replace(/\n/g, '\r\n'));
    expect(parsed.answers.engagement.vendor).toBe('Acme Support Ltd');
    expect(Object.keys(parsed.answers.answers ?? {})).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------

describe('selectForAnswers', () => {
  it('the bundled playbooks load cleanly', () => {
    expect(registry.problems).toEqual([]);
    expect(bundled.length).toBe(8);
  });

  it('warns about an answer to an unknown id, names the closest id, and keeps it as an unknown answer', () => {
    const text = `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
answers:
  communication/one-page-breif: { answer: yes, note: Typo in the id }
  communication/single-owner: no
  nosuch/thing: partly
`;
    const selection = selectForAnswers(parsedOrThrow(text), bundled);
    expect(selection.problems.map(where)).toEqual([
      'answers.yaml:6:3: warning: answer for `communication/one-page-breif` matches no item (playbook `communication` has no such item); it is kept in the report but not scored. Did you mean `communication/one-page-brief`?',
      'answers.yaml:8:3: warning: answer for `nosuch/thing` matches no item (no playbook `nosuch` is loaded); it is kept in the report but not scored',
    ]);
    expect(selection.unknownAnswers).toEqual([
      { key: 'communication/one-page-breif', answer: 'yes', note: 'Typo in the id', suggestion: 'communication/one-page-brief' },
      { key: 'nosuch/thing', answer: 'partly', note: null, suggestion: null },
    ]);
    // Every loaded playbook is used when `playbooks:` is absent.
    expect(selection.playbooks).toHaveLength(bundled.length);
  });

  it('reports a playbook in `playbooks:` that is not loaded as an error at its position, with a suggestion when one is close', () => {
    const text = `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
playbooks: [communication, alignmnt, zzzzzzzz]
answers:
  communication/one-page-brief: yes
  growth/ramp-and-surge: no
`;
    const selection = selectForAnswers(parsedOrThrow(text), bundled);
    expect(selection.problems.map(where)).toEqual([
      'answers.yaml:5:28: error: no loaded playbook has the id `alignmnt` (did you mean `alignment`?)',
      'answers.yaml:5:38: error: no loaded playbook has the id `zzzzzzzz`',
      'answers.yaml:8:3: warning: answer for `growth/ramp-and-surge` is ignored: playbook `growth` is not in `playbooks`',
    ]);
    expect(selection.playbooks.map((p) => p.id)).toEqual(['communication']);
    // An answer to a real item of an unselected playbook is not "unknown".
    expect(selection.unknownAnswers).toEqual([]);
  });

  it('keeps the order of `playbooks:`', () => {
    const text = 'format: outsource-check/answers@1\nengagement:\n  vendor: Acme\n  type: bpo\nplaybooks: [growth, communication]\n';
    expect(selectForAnswers(parsedOrThrow(text), bundled).playbooks.map((p) => p.id)).toEqual(['growth', 'communication']);
  });

  it('warns when a playbook version differs from the one recorded in meta, and only for selected playbooks', () => {
    const text = `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
playbooks: [communication, alignment]
answers:
  communication/one-page-brief: yes
meta:
  playbook_versions: { communication: 0.9.0, alignment: ${versionOf('alignment')}, growth: 0.1.0 }
`;
    const selection = selectForAnswers(parsedOrThrow(text), bundled);
    expect(selection.problems.map(where)).toEqual([
      `answers.yaml:9:39: warning: these answers were given against communication 0.9.0; the loaded playbook is ${versionOf('communication')}, so some questions may have changed`,
    ]);
    expect(selection.playbooks.map((p) => p.id)).toEqual(['communication', 'alignment']);
  });
});
