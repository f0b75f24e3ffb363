import { copyFileSync, cpSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/sync';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry, AnswersFile } from '../../src/assessment/answers-schema.js';
import { ROOT, tempDirs, type CliResult } from '../support/cli.js';
import { runArgs } from '../support/context.js';
import { itemKeys } from '../support/playbooks.js';

// The command line runs in-process (argument parsing included), with a fake context: no build needed.

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'compare');
const NO_STACK = /\n\s+at /;
const DAY = 86_400_000;

const tempDir = tempDirs('oc-compare-');

/** A working folder with copies of the named fixtures, and a state home of its own inside it. */
function workspace(...fixtures: string[]): { cwd: string; home: string } {
  const cwd = tempDir();
  for (const f of fixtures) cpSync(path.join(FIXTURES, f), path.join(cwd, f), { recursive: true });
  return { cwd, home: path.join(cwd, 'home') };
}

/** Runs the command line in-process in `where`, with its own state home (tests/support/context.ts). */
function cli(where: { cwd: string; home: string }, args: string[]): Promise<CliResult> {
  return runArgs(args, { cwd: where.cwd, env: { OUTSOURCE_CHECK_HOME: where.home } });
}

function lintMd(md: string): string {
  return lint({ strings: { comparison: md } }).toString();
}

/** Wrapped lines joined, so assertions do not depend on where a sentence breaks. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The text of a `## ` section. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

const iso = (ms: number) => new Date(ms).toISOString();
const ymd = (ms: number) => iso(ms).slice(0, 10);

interface Comparison {
  format: string;
  mode: 'vendors' | 'timeline';
  ranking: number[];
  columns: { vendor: string; date: string; blockers: number; verdict: string }[];
  rows: { label: string; values: (string | null)[]; best: number[] }[];
}

// ---------------------------------------------------------------------------

describe('compare: several vendors', () => {
  it('prints a ranked decision matrix to stdout, the vendor with a blocker last, and it passes markdownlint', async () => {
    const where = workspace('alpha.yaml', 'beta.yaml', 'gamma.yaml');
    const r = await cli(where, ['compare', 'alpha.yaml', 'beta.yaml', 'gamma.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Vendor comparison\n/);
    expect(r.stdout).toContain('| Row | V1 | V2 | V3 |');
    const text = flat(r.stdout);
    // Beta Works has the best score (80) but a critical `no`; Alpha Dev 76, Gamma Labs 70.
    expect(text).toContain('1. V1: **Alpha Dev** (freelancer, assessed 2026-03-01): gaps, score 76, 0 blockers');
    expect(text).toContain('2. V3: **Gamma Labs** (freelancer, assessed 2026-03-03): gaps, score 70, 0 blockers');
    expect(text).toContain('3. V2: **Beta Works** (freelancer, assessed 2026-03-02): not ready, score 80, 1 blocker');
    expect(text).toContain('Alpha Dev ranks above Gamma Labs: Alpha Dev scores 6 points higher overall');
    expect(r.stdout).toContain('| **Overall** | 76 | **80** ★ | 70 |');
    expect(r.stdout).toContain('| `communication/one-page-brief` | **yes** ★ | no | **yes** ★ |');
    expect(lintMd(r.stdout)).toBe('');
  });

  it('--json prints the comparison object: format, mode and ranking', async () => {
    const where = workspace('alpha.yaml', 'beta.yaml', 'gamma.yaml');
    const r = await cli(where, ['compare', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as Comparison;
    expect(result.format).toBe('outsource-check/comparison@1');
    expect(result.mode).toBe('vendors');
    expect(result.ranking).toEqual([0, 2, 1]);
    expect(result.columns.map((c) => [c.vendor, c.date, c.blockers, c.verdict])).toEqual([
      ['Alpha Dev', '2026-03-01', 0, 'ready-with-gaps'],
      ['Beta Works', '2026-03-02', 1, 'not-ready'],
      ['Gamma Labs', '2026-03-03', 0, 'ready-with-gaps'],
    ]);
    expect(result.rows.find((row) => row.label === 'communication/one-page-brief')).toMatchObject({ values: ['yes', 'no', 'yes'], best: [0, 2] });
  });

  it('--out writes the file; a second time exits 73 and leaves it alone; --force overwrites it', async () => {
    const where = workspace('alpha.yaml', 'beta.yaml', 'gamma.yaml');
    const args = ['compare', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--out', 'm.md'];
    const first = await cli(where, args);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('wrote m.md');
    const file = path.join(where.cwd, 'm.md');
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^# Vendor comparison\n/);
    expect(lintMd(written)).toBe('');

    writeFileSync(file, 'edited by hand\n');
    const again = await cli(where, args);
    expect(again.status).toBe(73);
    expect(again.stderr).toContain('m.md');
    expect(again.stderr).not.toMatch(NO_STACK);
    expect(readFileSync(file, 'utf8')).toBe('edited by hand\n');

    const forced = await cli(where, [...args, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('takes a saved report, an answers file and a saved session together', async () => {
    const where = workspace('alpha.yaml', 'delta-before.yaml', 'delta-session.yaml');
    const report = await cli(where, ['check', '--answers', 'delta-before.yaml', '--json']);
    expect(report.status).toBe(0);
    writeFileSync(path.join(where.cwd, 'delta.json'), report.stdout);
    const generated = (JSON.parse(report.stdout) as { generated: string }).generated;
    const session = path.join(where.home, 'sessions', 'echo-studio-20260201T100000Z.yaml');
    mkdirSync(path.dirname(session), { recursive: true });
    copyFileSync(path.join(where.cwd, 'delta-session.yaml'), session);

    const r = await cli(where, ['compare', 'delta.json', 'alpha.yaml', session]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| Row | V1 | V2 | V3 |');
    const text = flat(r.stdout);
    // Echo Studio 23.5/25 = 94; Alpha Dev 76; Delta Ops has a blocker. The report is dated when it was generated.
    expect(text).toContain('1. V3: **Echo Studio** (freelancer, assessed 2026-02-01): ready, score 94, 0 blockers');
    expect(text).toContain('2. V2: **Alpha Dev** (freelancer, assessed 2026-03-01)');
    expect(text).toContain(`3. V1: **Delta Ops** (freelancer, assessed ${generated.slice(0, 10)}): not ready`);
    expect(lintMd(r.stdout)).toBe('');
  });
});

describe('compare: one vendor over time', () => {
  /** Delta Ops later: the brief is written (blocker resolved), but nobody owns the vendor any more (new blocker). */
  function later(finished: string): AnswersFile {
    return {
      format: 'outsource-check/answers@1',
      engagement: { vendor: 'delta ops', type: 'freelancer' },
      playbooks: ['communication'],
      answers: {
        'communication/one-page-brief': 'yes',
        'communication/single-owner': 'no',
        'communication/requirements-playback': 'yes',
        'communication/weekly-check-in': 'yes',
        'communication/decision-log': 'no',
        'communication/async-handover': 'yes',
        'communication/review-turnaround': 'yes',
      },
      meta: { started: finished, updated: finished, finished },
    };
  }

  it('a saved report against a later answers file: resolved and new blockers, and both dates in the score table', async () => {
    const where = workspace('delta-before.yaml');
    const report = await cli(where, ['check', '--answers', 'delta-before.yaml', '--json']);
    expect(report.status).toBe(0);
    writeFileSync(path.join(where.cwd, 'r1.json'), report.stdout);
    const first = (JSON.parse(report.stdout) as { generated: string }).generated.slice(0, 10);
    // The answers file is dated by its meta, here a week after the report; given first, it still comes last.
    const finished = Date.now() + 7 * DAY;
    writeFileSync(path.join(where.cwd, 'v2.yaml'), stringify(later(iso(finished))));

    const r = await cli(where, ['compare', 'v2.yaml', 'r1.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Changes over time: delta ops\n/);
    const blockers = section(r.stdout, 'Blockers');
    expect(blockers).toContain('- Resolved: `communication/one-page-brief`');
    expect(blockers).toContain('- New: `communication/single-owner`');
    expect(blockers.match(/^- (Resolved|New):/gm)).toHaveLength(2);
    expect(r.stdout).toContain(`| Area | ${first} | ${ymd(finished)} | Change |`);
    // requirements-playback went from partly to yes; single-owner from yes to no.
    expect(flat(section(r.stdout, 'Better'))).toContain('`communication/requirements-playback` (major): partly → yes.');
    expect(flat(section(r.stdout, 'Worse'))).toContain('`communication/single-owner` (critical): yes → no.');
    expect(lintMd(r.stdout)).toBe('');

    const json = await cli(where, ['compare', 'v2.yaml', 'r1.json', '--json']);
    const result = JSON.parse(json.stdout) as { format: string; mode: string; blockersResolved: string[]; blockersNew: string[]; points: { date: string }[] };
    expect(result).toMatchObject({ format: 'outsource-check/comparison@1', mode: 'timeline', blockersResolved: ['communication/one-page-brief'], blockersNew: ['communication/single-owner'] });
    expect(result.points.map((p) => p.date)).toEqual([first, ymd(finished)]);
  });

  it('two reports scored with two versions of a playbook: version change and the items not compared', async () => {
    const where = workspace('custom-answers.yaml', 'pb-v1', 'pb-v2');
    const v1 = await cli(where, ['check', '--answers', 'custom-answers.yaml', '--json', '--playbooks', 'pb-v1']);
    expect(v1.status).toBe(0);
    writeFileSync(path.join(where.cwd, 'r1.json'), v1.stdout);
    const v2 = await cli(where, ['check', '--answers', 'custom-answers.yaml', '--json', '--playbooks', 'pb-v2']);
    expect(v2.status).toBe(0);
    writeFileSync(path.join(where.cwd, 'r2.json'), v2.stdout);

    const r = await cli(where, ['compare', 'r1.json', 'r2.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Changes over time: Custom Co\n/);
    expect(section(r.stdout, 'Playbook versions')).toContain('- `custom-pb`: 1.0.0 → 1.1.0');
    const notCompared = section(r.stdout, 'Not compared');
    expect(notCompared).toContain('- `custom-pb/c`: missing from r2.json');
    expect(notCompared).toContain('- `custom-pb/d`: missing from r1.json');
    // c was no in 1.0.0 and d is yes in 1.1.0: neither is a change, because neither can be compared.
    expect(r.stdout).not.toContain('## Better');
    expect(r.stdout).not.toContain('## Worse');
    expect(lintMd(r.stdout)).toBe('');
  });
});

describe('compare: bad input', () => {
  it('one file is a usage error: exit 2', async () => {
    const where = workspace('alpha.yaml');
    const r = await cli(where, ['compare', 'alpha.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('compare needs at least two files');
    expect(r.stdout).toBe('');
  });

  it('a missing file: exit 66, naming it', async () => {
    const where = workspace('alpha.yaml');
    const r = await cli(where, ['compare', 'alpha.yaml', 'nope.yaml']);
    expect(r.status).toBe(66);
    expect(r.stderr).toContain('nope.yaml');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toBe('');
  });

  it('an invalid answers file: exit 65 with file:line:col', async () => {
    const where = workspace('alpha.yaml', 'invalid.yaml');
    const r = await cli(where, ['compare', 'alpha.yaml', 'invalid.yaml']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/^invalid\.yaml:6:33: .*"maybe"/m);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toBe('');
  });

  it('a JSON file that is not a report: exit 65 with file:line:col', async () => {
    const where = workspace('alpha.yaml', 'not-a-report.json');
    const r = await cli(where, ['compare', 'not-a-report.json', 'alpha.yaml']);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/^not-a-report\.json:2:\d+: not an outsource-check report/m);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toBe('');
  });
});

// ---------------------------------------------------------------------------

type Answers = Record<string, AnswerEntry>;

/** A session as the interview saves it, written by hand; `finished` absent means unfinished. */
function writeSession(home: string, name: string, fields: { vendor: string; type: AnswersFile['engagement']['type']; playbooks: string[]; answers: Answers; updated: string; finished?: boolean }): string {
  const session: AnswersFile = {
    format: 'outsource-check/answers@1',
    engagement: { vendor: fields.vendor, type: fields.type },
    playbooks: fields.playbooks,
    answers: fields.answers,
    meta: { started: fields.updated, updated: fields.updated, ...(fields.finished === false ? {} : { finished: fields.updated }) },
  };
  const file = path.join(home, 'sessions', `${name}.yaml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `# outsource-check session\n${stringify(session)}`);
  return file;
}

const MANAGEMENT = itemKeys('management');

/** Every management item answered yes at `answered`, then `overrides`. */
function management(answered: string, overrides: Answers = {}): Answers {
  return { ...Object.fromEntries(MANAGEMENT.map((key) => [key, { answer: 'yes', answered }])), ...overrides };
}

interface Summary {
  vendor: string;
  type: string;
  status: string;
  verdict: string;
  score: number | null;
  file: string;
}

describe('history', () => {
  function threeSessions(): { cwd: string; home: string; files: string[] } {
    const where = workspace();
    const files = [
      writeSession(where.home, 'foxtrot-1', { vendor: 'Foxtrot Ltd', type: 'agency', playbooks: ['management'], answers: management('2026-05-01T10:00:00Z'), updated: '2026-05-01T10:30:00Z' }),
      writeSession(where.home, 'golf', {
        vendor: 'Golf GmbH',
        type: 'freelancer',
        playbooks: ['communication'],
        answers: { 'communication/one-page-brief': 'yes', 'communication/single-owner': 'no' },
        updated: '2026-06-01T08:15:00Z',
        finished: false,
      }),
      // Access control no: 37/42 = 88.1, and a blocker.
      writeSession(where.home, 'foxtrot-2', { vendor: 'Foxtrot Ltd', type: 'agency', playbooks: ['management'], answers: management('2026-07-01T10:00:00Z', { 'management/access-control': 'no' }), updated: '2026-07-01T11:00:00Z' }),
    ];
    return { ...where, files };
  }

  it('lists one line per session, newest first, with vendor, type, status, verdict and score', async () => {
    const where = threeSessions();
    const r = await cli(where, ['history']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE +VENDOR +TYPE +STATUS +VERDICT +SCORE +FILE$/);
    expect(lines).toHaveLength(4);
    const cells = lines.slice(1).map((l) => l.split(/ {2,}/));
    expect(cells).toEqual([
      ['2026-07-01 11:00', 'Foxtrot Ltd', 'agency', 'done', 'not-ready', '88', where.files[2]],
      ['2026-06-01 08:15', 'Golf GmbH', 'freelancer', 'unfinished', '-', '2 answered', where.files[1]],
      ['2026-05-01 10:30', 'Foxtrot Ltd', 'agency', 'done', 'ready', '100', where.files[0]],
    ]);
  });

  it('--json gives the same sessions, newest first', async () => {
    const where = threeSessions();
    const r = await cli(where, ['history', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Summary[];
    expect(list.map((s) => [s.vendor, s.type, s.status, s.verdict, s.score === null ? null : Math.round(s.score), s.file])).toEqual([
      ['Foxtrot Ltd', 'agency', 'done', 'not-ready', 88, where.files[2]],
      ['Golf GmbH', 'freelancer', 'unfinished', 'not-ready', 20, where.files[1]],
      ['Foxtrot Ltd', 'agency', 'done', 'ready', 100, where.files[0]],
    ]);
  });

  it('with no sessions: exit 0, nothing on stdout, a message on stderr', async () => {
    const where = workspace();
    const r = await cli(where, ['history']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No saved sessions yet');
  });
});

interface DueVendor {
  vendor: string;
  type: string;
  file: string;
  due: { key: string; question: string; due: string; status: 'due' | 'soon' }[];
}

/** The rows of the `due` table, split into cells. */
function dueRows(stdout: string): string[][] {
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^VENDOR +DUE +STATUS +ITEM$/);
  return lines.slice(1).map((l) => l.split(/ {2,}/));
}

describe('due', () => {
  const fresh = iso(Date.now() - 2 * DAY);

  /** Hotel has access control answered in January 2025 (3 months: due 2025-04-10); India answered everything two days ago. */
  function hotelAndIndia(): { cwd: string; home: string; hotel: string; india: string } {
    const where = workspace();
    const hotel = writeSession(where.home, 'hotel', { vendor: 'Hotel Ltd', type: 'agency', playbooks: ['management'], answers: management(fresh, { 'management/access-control': { answer: 'yes', answered: '2025-01-10T09:00:00Z' } }), updated: fresh });
    const india = writeSession(where.home, 'india', { vendor: 'India Co', type: 'agency', playbooks: ['management'], answers: management(fresh), updated: fresh });
    return { ...where, hotel, india };
  }

  it('lists only the vendor with something due, with the item and its date', async () => {
    const where = hotelAndIndia();
    const r = await cli(where, ['due']);
    expect(r.status).toBe(0);
    expect(dueRows(r.stdout)).toEqual([['Hotel Ltd', '2025-04-10', 'due now', 'management/access-control']]);
    expect(r.stdout).not.toContain('India Co');
    // Printed as the tool was started here: node and the bin's path.
    expect(r.stderr).toMatch(/node \S*outsource-check\.cjs check --recheck FILE/);
    expect(r.stderr).toContain(where.hotel);
  });

  it('--within 400 includes items due later, as soon, each vendor placed by its earliest date', async () => {
    const where = hotelAndIndia();
    const r = await cli(where, ['due', '--within', '400']);
    expect(r.status).toBe(0);
    const rows = dueRows(r.stdout);
    expect(rows[0]).toEqual(['Hotel Ltd', '2025-04-10', 'due now', 'management/access-control']);
    // Every item with recheck_months answered two days ago: five each for India, four more for Hotel.
    const india = rows.filter((row) => row[0] === 'India Co');
    expect(india.map((row) => row[3]).sort()).toEqual(['management/access-control', 'management/continuity-plan', 'management/independent-kpi-data', 'management/insurance-certificates', 'management/security-evidence']);
    expect(india.every((row) => row[2] === 'soon')).toBe(true);
    expect(rows.filter((row) => row[0] === 'Hotel Ltd')).toHaveLength(5);
    // Within a vendor, soonest first.
    const hotelDates = rows.filter((row) => row[0] === 'Hotel Ltd').map((row) => row[1] ?? '');
    expect(hotelDates).toEqual([...hotelDates].sort());
  });

  it('--json lists the due vendors with their items', async () => {
    const where = hotelAndIndia();
    const r = await cli(where, ['due', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as DueVendor[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ vendor: 'Hotel Ltd', type: 'agency', file: where.hotel });
    expect(list[0]?.due).toEqual([{ key: 'management/access-control', question: expect.stringContaining("named account"), due: '2025-04-10', status: 'due' }]);
  });

  it('orders vendors by their earliest due date, even when it is not their first item', async () => {
    const where = hotelAndIndia();
    // Juliet's first item in playbook order (access control) is fresh; its insurance answer fell due in January 2025.
    writeSession(where.home, 'juliet', { vendor: 'Juliet Ltd', type: 'agency', playbooks: ['management'], answers: management(fresh, { 'management/insurance-certificates': { answer: 'yes', answered: '2024-01-15T09:00:00Z' } }), updated: fresh });
    const r = await cli(where, ['due', '--within', '400']);
    expect(r.status).toBe(0);
    const vendors = [...new Set(dueRows(r.stdout).map((row) => row[0]))];
    expect(vendors).toEqual(['Juliet Ltd', 'Hotel Ltd', 'India Co']);
    expect(dueRows(r.stdout)[0]).toEqual(['Juliet Ltd', '2025-01-15', 'due now', 'management/insurance-certificates']);
  });

  it('with several sessions of a vendor, only the newest finished one counts', async () => {
    const where = workspace();
    const stale = { 'management/access-control': { answer: 'yes', answered: '2025-01-10T09:00:00Z' } } as const;
    const old = writeSession(where.home, 'kilo-1', { vendor: 'Kilo Ltd', type: 'agency', playbooks: ['management'], answers: management('2025-01-10T09:00:00Z', stale), updated: '2025-01-10T10:00:00Z' });
    const recent = writeSession(where.home, 'kilo-2', { vendor: 'Kilo Ltd', type: 'agency', playbooks: ['management'], answers: management(iso(Date.now() - 3 * DAY)), updated: iso(Date.now() - 3 * DAY) });
    // Newer still, but unfinished: it does not count, stale answer and all.
    writeSession(where.home, 'kilo-3', { vendor: 'KILO LTD', type: 'agency', playbooks: ['management'], answers: management(iso(Date.now() - DAY), stale), updated: iso(Date.now() - DAY), finished: false });

    const r = await cli(where, ['due']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Nothing falls due in the next 30 days.');

    // Without the recent finished session, the older finished one is the newest: its stale answer is due.
    unlinkSync(recent);
    const without = await cli(where, ['due', '--json']);
    const list = JSON.parse(without.stdout) as DueVendor[];
    expect(list.map((v) => [v.vendor, v.file])).toEqual([['Kilo Ltd', old]]);
    // Every answer in it dates from January 2025: each item with recheck_months is due.
    expect(list[0]?.due.find((d) => d.key === 'management/access-control')).toMatchObject({ due: '2025-04-10', status: 'due' });
    expect(list[0]?.due).toHaveLength(5);
    expect(list[0]?.due.every((d) => d.status === 'due')).toBe(true);
  });
});

describe('check --answers: re-checks in the report', () => {
  it('lists answers that fell due as "due now", and fresh ones as later', async () => {
    const where = workspace();
    const answers: AnswersFile = {
      format: 'outsource-check/answers@1',
      engagement: { vendor: 'Lima Ltd', type: 'agency' },
      playbooks: ['management'],
      answers: management(iso(Date.now() - 2 * DAY), {
        'management/access-control': { answer: 'yes', answered: '2025-01-10T09:00:00Z' },
        'management/insurance-certificates': { answer: 'partly', note: 'Cyber only', answered: '2024-03-31T09:00:00Z' },
      }),
    };
    writeFileSync(path.join(where.cwd, 'old.yaml'), stringify(answers));
    const r = await cli(where, ['check', '--answers', 'old.yaml', '--out', 'r.md', '--no-checklist']);
    expect(r.status).toBe(0);
    const report = readFileSync(path.join(where.cwd, 'r.md'), 'utf8');
    const rechecks = section(report, 'Re-checks');
    expect(rechecks).not.toBe('');
    expect(rechecks).toContain('| `management/insurance-certificates` | 2024-03-31 | 2025-03-31 | **due now** |');
    expect(rechecks).toContain('| `management/access-control` | 2025-01-10 | 2025-04-10 | **due now** |');
    expect(rechecks.match(/\*\*due now\*\*/g)).toHaveLength(2);
    // Oldest due first.
    expect(rechecks.indexOf('insurance-certificates')).toBeLessThan(rechecks.indexOf('access-control'));
    expect(rechecks).toMatch(/\| `management\/security-evidence` \| \d{4}-\d\d-\d\d \| \d{4}-\d\d-\d\d \| later \|/);
    expect(lintMd(report)).toBe('');
  });
});
