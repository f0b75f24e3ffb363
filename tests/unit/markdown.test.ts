import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../src/assessment/answers-schema.js';
import { customPlaybook, cycleAnswers, HOSTILE, HOSTILE_SINGLES, LONG_NOTE } from '../support/hostile.js';
import { answerMap } from '../../src/assessment/answers.js';
import { assess, type Assessment, type UnknownAnswer } from '../../src/assessment/score.js';
import { CLAUSE_GROUP_TITLES, checklistOf, renderChecklist } from '../../src/report/checklist.js';
import { cell, heading } from '../../src/report/md.js';
import { renderReport } from '../../src/report/readiness.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { CLAUSE_GROUPS, type AnswerValue, type EngagementType, type Playbook } from '../../src/playbook/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const registry = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] });
const bundled = registry.playbooks.map((p) => p.playbook);
const NOW = new Date('2026-11-28T10:00:00Z');

function lintMd(md: string): string {
  return lint({ strings: { report: md } }).toString();
}

function assessWith(playbooks: Playbook[], answers: Record<string, AnswerEntry>, options: { vendor: string; scope?: string; type?: EngagementType; unknown?: UnknownAnswer[] }): Assessment {
  return assess({
    playbooks,
    engagement: { vendor: options.vendor, type: options.type ?? 'bpo', ...(options.scope !== undefined ? { scope: options.scope } : {}) },
    answers: answerMap({ answers }),
    now: NOW,
    ...(options.unknown ? { unknownAnswers: options.unknown } : {}),
  });
}

function checklistMd(a: Assessment, answered = true): string {
  return renderChecklist(checklistOf(a, answered), { vendor: answered ? a.engagement.vendor : null, type: a.engagement.type, date: '2026-11-28' });
}

/** The text of a `## ` section: from its heading to the next heading of the same or a higher level. */
function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}`);
  if (start === -1) throw new Error(`no section ${title}`);
  const next = md.indexOf('\n## ', start + 4);
  return md.slice(start, next === -1 ? undefined : next);
}

/** Joins wrapped lines back up; continuation lines are indented and never start with `- `, list items do. */
function unwrap(md: string): string {
  return md.replace(/\n(?! *- ) +/g, ' ');
}

/** Every heading the renderer writes; a `#` line outside these came from user text. */
const OWN_HEADINGS = [
  /^# (Outsourcing readiness|Onboarding check)(: .*)?$/,
  /^# Pre-contract checklist(: .*| for (a|an) [\w ]+ engagement| for an engagement of another kind)?$/,
  /^## Verdict: (ready|ready, with gaps|not ready)$/,
  /^## (Scores|Blockers|Gaps|Re-checks|After you sign|Pre-contract checklist|Appendix: every answer)$/,
  /^##? ?#? ?(Not needed for this engagement|About this engagement)$/,
  /^### (Critical|Major|Minor) gaps$/,
  /^##? ?#? ?(Scope and commercials|Performance and governance|Legal protections|Change and exit|Due-diligence file)$/,
  /^### Answers, [a-z0-9-]+(: .*)?$/,
  /^### Answers that match no item$/,
];

function strayHeadings(md: string): string[] {
  let inFence = false;
  return md.split('\n').filter((line) => {
    if (line.startsWith('```')) inFence = !inFence;
    return !inFence && /^#/.test(line) && !OWN_HEADINGS.some((re) => re.test(line));
  });
}

// ---------------------------------------------------------------------------

describe('renderReport: hostile text stays literal and lint-clean', () => {
  const custom = [customPlaybook('hostile-skill', HOSTILE, 'skill'), customPlaybook('hostile-custom', `${HOSTILE} "quoted" [bracketed] 100%; #hash`)];
  const answers = cycleAnswers(custom, () => HOSTILE);
  answers['hostile-custom/minor'] = { answer: 'yes', note: LONG_NOTE, answered: '2026-10-31T09:00:00Z' };
  answers['hostile-skill/minor'] = { answer: 'partly', note: HOSTILE, answered: '2026-11-01T09:00:00Z' };
  const unknown: UnknownAnswer[] = [{ key: 'hostile-skill/old-item', answer: 'no', note: HOSTILE, suggestion: 'hostile-skill/major' }];
  const a = assessWith(custom, answers, { vendor: HOSTILE, scope: HOSTILE, unknown });

  it.each([false, true])('passes markdownlint (chart: %s)', (chart) => {
    expect(lintMd(renderReport(a, { chart }))).toBe('');
  });

  it('the checklist passes markdownlint', () => {
    expect(lintMd(checklistMd(a))).toBe('');
    expect(lintMd(checklistMd(a, false))).toBe('');
  });

  it('escapes what would otherwise be markup, and keeps links as autolinks', () => {
    const md = renderReport(a, { chart: false });
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<details>');
    expect(md).not.toMatch(/(^|[^\\])<!-- comment/m);
    for (const escaped of ['\\<script\\>alert(1)\\</script\\>', 'A \\| B \\|\\| C', '\\`code\\`', '\\*star\\*', '\\_under\\_', '\\[x\\](y)', 'www\\.example.com', 'someone\\@example.com', '\\$math\\$', '\\&amp;', 'back\\\\slash', '\\~\\~strike\\~\\~', '<https://example.com/a_b?c=d&e=f>,']) {
      expect(md).toContain(escaped);
    }
    // Newlines and tabs in a name become single spaces: the vendor stays one list item.
    expect(md).toMatch(/^- Vendor: A \\\| B/m);
    expect(md).not.toContain('\t');
    expect(md).not.toMatch(/^> quote/m);
    expect(md).not.toMatch(/^(---|===)$/m);
    expect(md).not.toMatch(/^\s*(1\. one|- dash|\+ plus)/m);
  });

  it('a blank checklist, whose conditional lines print a need question\'s words, stays lint-clean and literal', () => {
    const blank = assessWith(custom, {}, { vendor: HOSTILE });
    const md = checklistMd(blank, false);
    expect(md).toContain('(only if ');
    expect(md).toContain('- Ask for: ');
    expect(lintMd(md)).toBe('');
    expect(strayHeadings(md)).toEqual([]);
    expect(md).not.toContain('<script>');
  });

  it('lets no user text become a heading', () => {
    const md = renderReport(a, { chart: true });
    expect(strayHeadings(md)).toEqual([]);
    expect(strayHeadings(checklistMd(a))).toEqual([]);
  });

  it('keeps the whole 5,000-character note, wrapped', () => {
    const md = renderReport(a, { chart: false });
    const appendix = section(md, 'Appendix: every answer');
    const line = appendix.split('\n').findIndex((l) => l.startsWith('- `hostile-custom/minor`: yes.'));
    expect(line).toBeGreaterThan(-1);
    const rest = appendix.split('\n').slice(line);
    const end = rest.findIndex((l) => l.includes('END-OF-NOTE'));
    // Wrapped at 80 columns: 5,000 characters (more once escaped) take well over 60 lines.
    expect(end).toBeGreaterThan(60);
    expect(rest.slice(1, end + 1).every((l) => l.startsWith('  '))).toBe(true);
    expect(md.split('\n').filter((l) => l.length > 80 && / /.test(l.slice(80)))).toEqual([]);
  });

  it('charts only with --chart, with labels that cannot break the Mermaid block', () => {
    expect(renderReport(a, { chart: false })).not.toContain('```mermaid');
    const md = renderReport(a, { chart: true });
    expect(md).toContain('```mermaid');
    expect(md).toContain('<!-- markdownlint-disable MD013 -->');
    const axis = md.split('\n').find((l) => l.startsWith('  x-axis ['));
    expect(axis).toBeDefined();
    // Two quoted labels, nothing quoted inside them, no brackets or comment characters.
    expect(axis?.match(/"[^"]*"/g)).toHaveLength(2);
    expect(axis?.slice('  x-axis ['.length, -1)).not.toMatch(/[[\]%;#`]/);
  });

  it('lists answers that match no item, with the suggestion and the note', () => {
    const md = renderReport(a, { chart: false });
    const appendix = unwrap(section(md, 'Appendix: every answer'));
    expect(appendix).toContain('### Answers that match no item');
    expect(appendix).toContain('- `hostile-skill/old-item`: no (did you mean `hostile-skill/major`?) Note: A \\| B');
  });

  it('keeps a re-checks table lint-clean when an item id is too long for an 80-column row', () => {
    const long = `${'very-long-item-id-'.repeat(4)}end`;
    const pb: Playbook = { ...customPlaybook('a-playbook-with-a-long-id', 'Text'), sections: [{ id: 's', title: 'S', items: [{ id: long, question: 'Q?', why: 'W.', fix: 'F.', severity: 'minor', recheck_months: 1 }] }] };
    const md = renderReport(assessWith([pb], { [`a-playbook-with-a-long-id/${long}`]: { answer: 'yes', answered: '2026-10-01T00:00:00Z' } }, { vendor: 'Acme' }), { chart: false });
    expect(section(md, 'Re-checks')).toContain(long);
    expect(lintMd(md)).toBe('');
  });

  it('has a re-checks table for dated answers to items that go stale', () => {
    const md = renderReport(a, { chart: false });
    const rechecks = section(md, 'Re-checks');
    expect(rechecks).toContain('| `hostile-skill/minor` | 2026-11-01 | 2026-12-01 | within 30 days |');
    expect(rechecks).toContain('| `hostile-custom/minor` | 2026-10-31 | 2026-11-30 | within 30 days |');
  });
});

describe('renderReport and renderChecklist: one hostile string at a time', () => {
  it.each(HOSTILE_SINGLES.map((text, i) => [i, text] as const))('case %i passes markdownlint', (i, text) => {
    const pb = customPlaybook(`p${i}`, text.trim() === '' || text.trim() === '-' || text.trim() === '_' ? `${text}x` : text, i % 2 ? 'focus-area' : 'custom');
    const answers: Record<string, AnswerEntry> = {
      [`p${i}/crit`]: { answer: 'no', note: text },
      [`p${i}/major`]: { answer: 'partly', note: text },
      [`p${i}/minor`]: { answer: 'yes', note: text, answered: '2026-10-01T00:00:00Z' },
    };
    const a = assessWith([pb], answers, { vendor: text.trim() === '' ? 'x' : text, scope: text, unknown: [{ key: 'zz/q', answer: 'yes', note: text, suggestion: null }] });
    for (const chart of [false, true]) {
      const md = renderReport(a, { chart });
      expect(lintMd(md)).toBe('');
      expect(strayHeadings(md)).toEqual([]);
    }
    expect(lintMd(checklistMd(a))).toBe('');
  });

  it('cuts a heading or cell by its markdown length, escapes included', () => {
    const pipes = '| '.repeat(60);
    expect(cell(pipes, 32).length).toBeLessThanOrEqual(32);
    expect(cell(pipes, 32)).toMatch(/^\\\|( \\\|)*…$/);
    expect(cell('short', 32)).toBe('short');
    expect(heading(1, 'Outsourcing readiness: ', pipes).length).toBeLessThanOrEqual(80);
  });

  it('drops trailing punctuation from user text in headings, and a prefix colon when nothing is left', () => {
    expect(heading(1, 'Outsourcing readiness: ', 'Acme Co.')).toBe('# Outsourcing readiness: Acme Co');
    expect(heading(1, 'Outsourcing readiness: ', ':::')).toBe('# Outsourcing readiness');
    expect(heading(2, 'Scores')).toBe('## Scores');
  });
});

// ---------------------------------------------------------------------------

describe('renderReport with the bundled playbooks', () => {
  const answers = cycleAnswers(bundled, (key) => `Note on ${key}: ${HOSTILE}`);
  answers['communication/one-page-brief'] = { answer: 'yes', note: LONG_NOTE };
  const a = assessWith(bundled, answers, { vendor: HOSTILE, scope: HOSTILE, type: 'bpo' });
  const md = renderReport(a, { chart: false });
  const byKey = new Map(a.items.map((i) => [i.key, i]));

  it('loaded the bundled playbooks', () => {
    expect(registry.problems).toEqual([]);
    expect(bundled.map((p) => p.id)).toContain('communication');
    expect(a.blockers.length).toBeGreaterThan(0);
    expect(a.gaps.length).toBeGreaterThan(0);
  });

  it.each([false, true])('passes markdownlint (chart: %s)', (chart) => {
    expect(lintMd(renderReport(a, { chart }))).toBe('');
  });

  it('the checklist passes markdownlint, with answers and for a bare type', () => {
    expect(lintMd(checklistMd(a))).toBe('');
    const blank = assessWith(bundled, {}, { vendor: 'any', type: 'freelancer' });
    expect(lintMd(checklistMd(blank, false))).toBe('');
  });

  it('puts the verdict, with its reasons, before the scores', () => {
    const verdict = md.indexOf('## Verdict: not ready');
    expect(verdict).toBeGreaterThan(-1);
    expect(md.indexOf('**Not ready.** Overall score')).toBeGreaterThan(verdict);
    expect(md.indexOf('## Scores')).toBeGreaterThan(md.indexOf('critical items answered no'));
    expect(md.indexOf('## Scores')).toBeGreaterThan(verdict);
    expect(md.indexOf('## Blockers')).toBeGreaterThan(md.indexOf('## Scores'));
    expect(md.indexOf('## Gaps')).toBeGreaterThan(md.indexOf('## Blockers'));
    expect(md.indexOf('## Appendix: every answer')).toBeGreaterThan(md.indexOf('## Pre-contract checklist'));
  });

  it('has a score row per playbook and the totals', () => {
    const scores = section(md, 'Scores');
    for (const p of a.playbooks) expect(scores).toContain(`| ${p.title} | ${p.kind} |`);
    expect(scores).toContain('| **Skills** | total |');
    expect(scores).toContain('| **Focus areas** | total |');
    expect(scores).toMatch(/\| \*\*Overall\*\* \| total \| \*\*\d+\*\* \|/);
  });

  it('lists every blocker, in order, with why and fix', () => {
    const blockers = unwrap(section(md, 'Blockers'));
    const numbered = blockers.split('\n').filter((l) => /^\d+\. \*\*/.test(l));
    expect(numbered).toHaveLength(a.blockers.length);
    a.blockers.forEach((key, n) => {
      const item = byKey.get(key);
      const line = numbered[n] ?? '';
      expect(line, key).toContain(`\`${key}\`: critical, ${item?.answer === 'no' ? 'no' : 'not answered'}`);
      const at = blockers.indexOf(line);
      const next = n + 1 < numbered.length ? blockers.indexOf(numbered[n + 1] ?? '') : blockers.length;
      const block = blockers.slice(at, next).split('\n').slice(1).filter((l) => l.trim() !== '');
      // Why, fix and the founder's note; region notes, where an item has them, nested under why or fix.
      const top = block.filter((l) => /^ {3}- /.test(l));
      expect(top[0], key).toMatch(/^ {3}- Why: \S/);
      expect(top[1], key).toMatch(/^ {3}- Fix: \S/);
      expect(top[2], key).toContain(`   - Your note: Note on ${key}:`);
      expect(top, key).toHaveLength(3);
      expect(block.filter((l) => !/^ {3}- /.test(l)).filter((l) => !/^ {5}- (US|UK|EU\/EEA|Elsewhere): \S/.test(l)), key).toEqual([]);
    });
  });

  it('lists every gap under its severity', () => {
    const gaps = section(md, 'Gaps');
    for (const key of a.gaps) {
      const item = byKey.get(key);
      const under = gaps.indexOf(`### ${item?.severity === 'critical' ? 'Critical' : item?.severity === 'major' ? 'Major' : 'Minor'} gaps`);
      expect(under, key).toBeGreaterThan(-1);
      expect(gaps.indexOf(`\`${key}\``), key).toBeGreaterThan(under);
    }
  });

  it('has every applicable answer and note in the appendix, and nothing that was not asked', () => {
    const appendix = unwrap(section(md, 'Appendix: every answer'));
    const lines = appendix.split('\n');
    const words: Record<AnswerValue, string> = { yes: 'yes', partly: 'partly', no: 'no', na: 'not applicable' };
    const live = a.items.filter((i) => i.excluded === null);
    expect(live.length).toBeGreaterThan(40);
    for (const item of live) {
      const line = lines.find((l) => l.startsWith(`- \`${item.key}\`: `));
      expect(line, item.key).toBeDefined();
      expect(line, item.key).toContain(`- \`${item.key}\`: ${item.answer ? words[item.answer] : 'not answered'}.`);
      expect(line, item.key).toContain(item.key === 'communication/one-page-brief' ? 'END-OF-NOTE' : `Note: Note on ${item.key}: A \\| B`);
    }
    for (const item of a.items.filter((i) => i.excluded !== null)) expect(appendix).not.toContain(`\`${item.key}\``);
    expect(appendix).toContain(`${a.items.length - live.length} items were not asked`);
  });
});

describe('renderChecklist with the bundled playbooks', () => {
  const answers = cycleAnswers(bundled, () => 'a note');
  const a = assessWith(bundled, answers, { vendor: 'Acme Support Ltd', type: 'bpo' });
  const checklist = checklistOf(a, true);
  const md = checklistMd(a);

  it('is a GitHub task list with all five clause groups, in contract order, then the clauses not needed', () => {
    const groups = md.split('\n').filter((l) => l.startsWith('## '));
    expect(groups).toEqual([...CLAUSE_GROUPS.map((g) => `## ${CLAUSE_GROUP_TITLES[g]}`), '## Not needed for this engagement']);
    const open = md.slice(0, md.indexOf('## Not needed'));
    const tasks = open.split('\n').filter((l) => l.startsWith('- '));
    expect(tasks.length).toBeGreaterThan(20);
    for (const t of tasks) expect(t).toMatch(/^- \[[ x]\] \S/);
    expect(tasks.some((t) => t.startsWith('- [x] '))).toBe(true);
    expect(tasks.some((t) => t.startsWith('- [ ] '))).toBe(true);
  });

  it('one line per clause id: ticked only when every feeding item is yes, na-only clauses under "not needed", and every line names its items', () => {
    type Result = Assessment['items'][number];
    // An item feeds its clause unless its type, regions or stage rule it out; several items may feed one clause.
    const feeding = new Map<string, Result[]>();
    for (const i of a.items) {
      if (i.clause === null || i.excluded === 'type' || i.excluded === 'region' || i.excluded === 'stage') continue;
      feeding.set(i.clause.id, [...(feeding.get(i.clause.id) ?? []), i]);
    }
    expect([...feeding.values()].some((items) => items.length > 1)).toBe(true);
    const considered = (items: Result[]) => items.filter((i) => i.excluded === null && i.answer !== 'na');
    // Behind a `when` whose item is not answered yet: listed with its condition, never dropped.
    const pending = (items: Result[]) => items.filter((i) => i.excluded === 'when' && i.condition !== null);
    const clauses = [...feeding];
    const applicable = clauses.filter(([, items]) => considered(items).length > 0);
    const conditional = clauses.filter(([, items]) => considered(items).length === 0 && pending(items).length > 0);
    const notNeeded = clauses.filter(([, items]) => considered(items).length === 0 && pending(items).length === 0);
    expect(conditional.length).toBeGreaterThan(0);
    expect(notNeeded.length).toBeGreaterThan(0);
    const ids = (list: [string, Result[]][]) => list.map(([id]) => id).sort();
    expect(checklist.groups.flatMap((g) => g.lines).map((l) => l.id).sort()).toEqual(ids([...applicable, ...conditional]));
    expect(checklist.not_needed.map((l) => l.id).sort()).toEqual(ids(notNeeded));

    const flat = md.replace(/\n {2}(?!- )/g, ' ');
    const lines = flat.split('\n').filter((l) => l.startsWith('- '));
    const lineOf = (items: Result[]) => lines.find((l) => items.every((i) => l.includes(`\`${i.key}\``)));
    for (const [id, items] of conditional) expect(lineOf(pending(items)), id).toMatch(/^- \[ \] .*\(only if [^;]+; from `/);
    for (const [id, items] of applicable) {
      const tick = considered(items).every((i) => i.answer === 'yes') ? '[x]' : '[ ]';
      expect(lineOf(considered(items))?.startsWith(`- ${tick} `), id).toBe(true);
    }
    const notNeededPart = flat.slice(flat.indexOf('## Not needed'));
    for (const [id, items] of notNeeded) expect(notNeededPart, id).toContain(`\`${(items[0] as Result).key}\``);
    for (const item of a.items.filter((i) => i.excluded === null && i.clause !== null)) expect(lineOf([item]), item.key).toBeDefined();

    const done = applicable.filter(([, items]) => considered(items).every((i) => i.answer === 'yes')).length;
    expect(md.replace(/\n/g, ' ')).toContain(`${done} of ${applicable.length + conditional.length} clauses are in place (as of 2026-11-28).`);
    expect(md.replace(/\n/g, ' ')).toContain(`${conditional.length} of them only under the condition given on the line.`);
  });

  it('leaves out clauses of items that do not apply', () => {
    const freelancer = assessWith(bundled, {}, { vendor: 'Bob', type: 'freelancer' });
    const text = checklistMd(freelancer, false);
    const bpoOnly = bundled.flatMap((p) => p.sections.flatMap((s) => s.items.filter((i) => i.clause && (i.applies_to ?? p.applies_to)?.includes('freelancer') === false).map((i) => `${p.id}/${i.id}`)));
    expect(bpoOnly.length).toBeGreaterThan(0);
    for (const key of bpoOnly) expect(text).not.toContain(`\`${key}\``);
    expect(text).toContain('# Pre-contract checklist for a freelancer engagement');
    expect(checklistMd(assessWith(bundled, {}, { vendor: 'Ann', type: 'agency' }), false)).toContain('# Pre-contract checklist for an agency engagement');
    expect(text).not.toContain('- [x]');
  });
});
