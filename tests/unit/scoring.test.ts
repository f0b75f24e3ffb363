import { describe, expect, it } from 'vitest';
import type { AnswerEntry, Engagement } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { dueDate, dueStatus } from '../../src/assessment/recheck.js';
import { assess, DEFAULT_THRESHOLD, REPORT_FORMAT, scoreOf, verdictOf, type AssessInput, type Assessment, type UnknownAnswer } from '../../src/assessment/score.js';
import { PLAYBOOK_FORMAT, type AnswerValue, type EngagementType, type Item, type Playbook, type Section, type Severity } from '../../src/playbook/schema.js';

// Playbooks are built here as objects, not YAML, so each case shows exactly what is scored.

type ItemExtra = Partial<Omit<Item, 'id' | 'severity'>>;

function item(id: string, severity: Severity, extra: ItemExtra = {}): Item {
  return { id, question: `Is ${id} in place?`, why: `Without ${id}, trouble.`, fix: `Put ${id} in place.`, severity, ...extra };
}

function section(id: string, items: Item[]): Section {
  return { id, title: `Section ${id}`, items };
}

type PlaybookExtra = Partial<Omit<Playbook, 'id' | 'sections' | 'format'>>;

/** A playbook; a bare item list becomes one section called `main`. */
function playbook(id: string, content: Item[] | Section[], extra: PlaybookExtra = {}): Playbook {
  const sections = content.length > 0 && 'items' in (content[0] as Item | Section) ? (content as Section[]) : [section('main', content as Item[])];
  return { format: PLAYBOOK_FORMAT, id, kind: 'skill', title: `Playbook ${id}`, version: '1.0.0', summary: `About ${id}.`, sections, ...extra };
}

const NOW = new Date('2026-11-28T10:00:00Z');

function run(playbooks: Playbook[], answers: Record<string, AnswerEntry>, options: { type?: EngagementType; threshold?: number; unknownAnswers?: UnknownAnswer[] } = {}): Assessment {
  const engagement: Engagement = { vendor: 'Acme', type: options.type ?? 'agency' };
  const input: AssessInput = { playbooks, engagement, answers: answerMap({ answers }), now: NOW };
  if (options.threshold !== undefined) input.threshold = options.threshold;
  if (options.unknownAnswers !== undefined) input.unknownAnswers = options.unknownAnswers;
  return assess(input);
}

function itemOf(a: Assessment, key: string) {
  const found = a.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key} in the assessment`);
  return found;
}

// ---------------------------------------------------------------------------

interface VerdictCase {
  name: string;
  /** [severity, answer, weight?] per item, all in one playbook `p`, ids i1, i2, … */
  items: [Severity, AnswerValue | null, number?][];
  threshold?: number;
  percent: number | null;
  level: Assessment['verdict']['level'];
  /** Every reason, in order, each matched as a substring. */
  reasons: string[];
}

const verdictCases: VerdictCase[] = [
  {
    name: 'everything yes',
    items: [['critical', 'yes'], ['major', 'yes'], ['minor', 'yes']],
    percent: 100,
    level: 'ready',
    reasons: ['every critical item is in place and the overall score, 100, meets the threshold of 80'],
  },
  {
    // 19 of 20 weight earned: a score of 95 does not outweigh one critical `no`.
    name: 'one critical no with a score of 95',
    items: [['critical', 'no', 1], ['minor', 'yes', 19]],
    percent: 95,
    level: 'not-ready',
    reasons: ['1 critical item answered no: p/i1'],
  },
  {
    name: 'one critical unanswered',
    items: [['critical', null, 1], ['minor', 'yes', 19]],
    percent: 95,
    level: 'not-ready',
    reasons: ['1 critical item not answered yet: p/i1'],
  },
  {
    name: 'critical no and critical unanswered: both reasons, no first',
    items: [['critical', null], ['critical', 'no'], ['critical', 'no']],
    percent: 0,
    level: 'not-ready',
    reasons: ['2 critical items answered no: p/i2, p/i3', '1 critical item not answered yet: p/i1'],
  },
  {
    name: 'more than three blockers are summarised',
    items: [['critical', 'no'], ['critical', 'no'], ['critical', 'no'], ['critical', 'no'], ['critical', 'no']],
    percent: 0,
    level: 'not-ready',
    reasons: ['5 critical items answered no: p/i1, p/i2, p/i3 and 2 more'],
  },
  {
    name: 'everything na',
    items: [['critical', 'na'], ['major', 'na'], ['minor', 'na']],
    percent: null,
    level: 'ready-with-gaps',
    reasons: ['no item could be scored: every applicable item is marked not applicable'],
  },
  {
    name: 'nothing answered',
    items: [['critical', null], ['major', null], ['minor', null]],
    percent: 0,
    level: 'not-ready',
    reasons: ['1 critical item not answered yet: p/i1'],
  },
  {
    // No critical item, so nothing blocks; 0 is simply below the threshold.
    name: 'nothing answered, no critical items',
    items: [['major', null], ['minor', null]],
    percent: 0,
    level: 'ready-with-gaps',
    reasons: ['the overall score, 0, is below the threshold of 80'],
  },
  {
    // 3 of 4 weight: 75 < 80. The `no` is minor, so the score is the only reason.
    name: 'score below the default threshold',
    items: [['minor', 'yes'], ['minor', 'yes'], ['minor', 'yes'], ['minor', 'no']],
    percent: 75,
    level: 'ready-with-gaps',
    reasons: ['the overall score, 75, is below the threshold of 80'],
  },
  {
    name: 'a minor no above the threshold is still ready',
    items: [['minor', 'yes', 9], ['minor', 'no']],
    percent: 90,
    level: 'ready',
    reasons: ['meets the threshold of 80'],
  },
  {
    // 2.5 + 20 of 25 = 90, above the threshold: the partly critical item is the only reason.
    name: 'critical partly',
    items: [['critical', 'partly'], ['minor', 'yes', 20]],
    percent: 90,
    level: 'ready-with-gaps',
    reasons: ['1 critical item only partly in place: p/i1'],
  },
  {
    // 30 of 33 = 90.9, above the threshold: the major `no` is the only reason.
    name: 'major no',
    items: [['critical', 'yes', 30], ['major', 'no']],
    percent: 90.9,
    level: 'ready-with-gaps',
    reasons: ['1 major item answered no: p/i2'],
  },
  {
    name: 'every ready-with-gaps reason at once, in order',
    items: [['critical', 'partly'], ['major', 'no'], ['minor', 'no']],
    percent: 27.8,
    level: 'ready-with-gaps',
    reasons: ['the overall score, 27.8, is below the threshold of 80', '1 critical item only partly in place: p/i1', '1 major item answered no: p/i2'],
  },
  {
    name: 'custom threshold 70: 75 is ready',
    items: [['minor', 'yes'], ['minor', 'yes'], ['minor', 'yes'], ['minor', 'no']],
    threshold: 70,
    percent: 75,
    level: 'ready',
    reasons: ['the overall score, 75, meets the threshold of 70'],
  },
  {
    name: 'custom threshold 90: 85 has gaps',
    items: [['minor', 'yes', 17], ['minor', 'no', 3]],
    threshold: 90,
    percent: 85,
    level: 'ready-with-gaps',
    reasons: ['the overall score, 85, is below the threshold of 90'],
  },
  {
    name: 'a score equal to the threshold meets it',
    items: [['minor', 'yes', 4], ['minor', 'no']],
    percent: 80,
    level: 'ready',
    reasons: ['meets the threshold of 80'],
  },
];

describe('assess: verdict and overall score', () => {
  it.each(verdictCases)('$name → $level ($percent)', ({ items, threshold, percent, level, reasons }) => {
    const pb = playbook(
      'p',
      items.map(([severity, , weight], i) => item(`i${i + 1}`, severity, weight !== undefined ? { weight } : {})),
    );
    const answers: Record<string, AnswerEntry> = {};
    items.forEach(([, answer], i) => {
      if (answer !== null) answers[`p/i${i + 1}`] = answer;
    });
    const a = run([pb], answers, threshold !== undefined ? { threshold } : {});
    expect(a.scores.overall.percent).toBe(percent);
    expect(a.verdict.level).toBe(level);
    expect(a.verdict.reasons).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(a.verdict.reasons[i]).toContain(r));
    expect(a.threshold).toBe(threshold ?? DEFAULT_THRESHOLD);
  });

  it('fills in the report envelope', () => {
    const unknown: UnknownAnswer[] = [{ key: 'p/old', answer: 'yes', note: null, suggestion: 'p/i1' }];
    const a = run([playbook('p', [item('i1', 'minor')])], { 'p/i1': 'yes' }, { unknownAnswers: unknown });
    expect(a.format).toBe(REPORT_FORMAT);
    expect(REPORT_FORMAT).toBe('outsource-check/report@1');
    expect(a.generated).toBe('2026-11-28T10:00:00.000Z');
    expect(a.engagement).toEqual({ vendor: 'Acme', type: 'agency' });
    expect(a.unknown_answers).toEqual(unknown);
    expect(DEFAULT_THRESHOLD).toBe(80);
  });
});

describe('scoreOf: values and weights', () => {
  it('counts partly as half', () => {
    const a = run([playbook('p', [item('a', 'minor'), item('b', 'minor')])], { 'p/a': 'partly', 'p/b': 'yes' });
    expect(a.scores.overall).toEqual({ percent: 75, earned: 1.5, possible: 2, counts: { yes: 1, partly: 1, no: 0, na: 0, unanswered: 0 } });
  });

  it('leaves na out of the score but counts it; unanswered weighs and earns nothing', () => {
    const a = run([playbook('p', [item('a', 'major'), item('b', 'major'), item('c', 'major')])], { 'p/a': 'yes', 'p/b': 'na' });
    // a: 3 of 3, b: left out, c: 0 of 3 → 3 / 6.
    expect(a.scores.overall).toEqual({ percent: 50, earned: 3, possible: 6, counts: { yes: 1, partly: 0, no: 0, na: 1, unanswered: 1 } });
  });

  it('uses the default weights critical 5, major 3, minor 1', () => {
    const pb = playbook('p', [item('c', 'critical'), item('m', 'major'), item('n', 'minor')]);
    const a = run([pb], { 'p/c': 'yes', 'p/m': 'no', 'p/n': 'partly' });
    expect(a.items.map((i) => i.weight)).toEqual([5, 3, 1]);
    // 5·1 + 3·0 + 1·0.5 = 5.5 of 9 → 61.1
    expect(a.scores.overall).toMatchObject({ earned: 5.5, possible: 9, percent: 61.1 });
  });

  it('custom weights change the score', () => {
    const pb = playbook('p', [item('c', 'critical', { weight: 10 }), item('m', 'major'), item('n', 'minor', { weight: 2 })]);
    const a = run([pb], { 'p/c': 'yes', 'p/m': 'no', 'p/n': 'partly' });
    expect(a.items.map((i) => i.weight)).toEqual([10, 3, 2]);
    // Same answers as with the defaults (61.1), but: 10·1 + 3·0 + 2·0.5 = 11 of 15 = 73.33… → 73.3.
    expect(a.scores.overall).toMatchObject({ earned: 11, possible: 15, percent: 73.3 });
  });

  it('rounds to one decimal', () => {
    // 1 of 3 = 33.33… → 33.3; 2 of 3 = 66.66… → 66.7.
    expect(run([playbook('p', [item('a', 'minor'), item('b', 'minor'), item('c', 'minor')])], { 'p/a': 'yes' }).scores.overall.percent).toBe(33.3);
    expect(run([playbook('p', [item('a', 'minor'), item('b', 'minor'), item('c', 'minor')])], { 'p/a': 'yes', 'p/b': 'yes' }).scores.overall.percent).toBe(66.7);
  });

  it('skips excluded items', () => {
    const a = run([playbook('p', [item('a', 'minor'), item('b', 'critical', { applies_to: ['bpo'] })])], { 'p/a': 'yes', 'p/b': 'no' });
    expect(itemOf(a, 'p/b').excluded).toBe('type');
    expect(scoreOf(a.items)).toEqual({ percent: 100, earned: 1, possible: 1, counts: { yes: 1, partly: 0, no: 0, na: 0, unanswered: 0 } });
    expect(scoreOf([])).toEqual({ percent: null, earned: 0, possible: 0, counts: { yes: 0, partly: 0, no: 0, na: 0, unanswered: 0 } });
  });
});

describe('verdictOf on its own', () => {
  it('ignores excluded critical items, whatever their answer', () => {
    const a = run([playbook('p', [item('a', 'minor'), item('b', 'critical', { applies_to: ['bpo'] })])], { 'p/a': 'yes', 'p/b': 'no' });
    expect(verdictOf(a.items, a.scores.overall, 80).level).toBe('ready');
    // The same items, the excluded one made live: now it blocks.
    const live = a.items.map((i) => ({ ...i, excluded: null }));
    expect(verdictOf(live, scoreOf(live), 80)).toEqual({ level: 'not-ready', reasons: ['1 critical item answered no: p/b'] });
  });

  it('takes the threshold it is given', () => {
    const a = run([playbook('p', [item('a', 'minor', { weight: 3 }), item('b', 'minor')])], { 'p/a': 'yes', 'p/b': 'no' });
    expect(a.scores.overall.percent).toBe(75);
    expect(verdictOf(a.items, a.scores.overall, 75).level).toBe('ready');
    expect(verdictOf(a.items, a.scores.overall, 75.1).level).toBe('ready-with-gaps');
  });
});

// ---------------------------------------------------------------------------

describe('applicability: `when`', () => {
  const gated = () =>
    playbook('p', [
      item('uses-sla', 'major'),
      // Critical, and hidden unless uses-sla is yes or partly.
      item('sla-credits', 'critical', { when: { item: 'uses-sla', is: ['yes', 'partly'] } }),
      item('other', 'minor'),
    ]);

  it('hides an item whose condition fails: not asked, not scored, not a blocker even if critical', () => {
    const a = run([gated()], { 'p/uses-sla': 'no', 'p/other': 'yes' });
    const hidden = itemOf(a, 'p/sla-credits');
    expect(hidden.excluded).toBe('when');
    expect(a.blockers).toEqual([]);
    expect(a.gaps).toEqual(['p/uses-sla']);
    // uses-sla 0 of 3, other 1 of 1: 1 of 4 = 25; the hidden item's 5 is not in `possible`.
    expect(a.scores.overall).toMatchObject({ earned: 1, possible: 4, percent: 25 });
    expect(a.scores.overall.counts.unanswered).toBe(0);
    expect(a.verdict.level).toBe('ready-with-gaps');
  });

  it('does not score an answer given to a hidden item', () => {
    const a = run([gated()], { 'p/uses-sla': 'no', 'p/sla-credits': 'no', 'p/other': 'yes' });
    expect(itemOf(a, 'p/sla-credits')).toMatchObject({ excluded: 'when', answer: 'no' });
    expect(a.blockers).toEqual([]);
    expect(a.verdict.level).not.toBe('not-ready');
  });

  it('asks the item when the condition holds, and then it can block', () => {
    for (const value of ['yes', 'partly'] as const) {
      const a = run([gated()], { 'p/uses-sla': value, 'p/other': 'yes' });
      expect(itemOf(a, 'p/sla-credits').excluded).toBeNull();
      expect(a.blockers).toEqual(['p/sla-credits']);
      expect(a.verdict.level).toBe('not-ready');
    }
  });

  it('hides the item while its condition is unanswered or na', () => {
    expect(itemOf(run([gated()], {}), 'p/sla-credits').excluded).toBe('when');
    expect(itemOf(run([gated()], { 'p/uses-sla': 'na' }), 'p/sla-credits').excluded).toBe('when');
  });

  it('follows a `when` on `no`', () => {
    const pb = playbook('p', [item('has-contract', 'major'), item('write-one', 'critical', { when: { item: 'has-contract', is: ['no'] } })]);
    expect(itemOf(run([pb], { 'p/has-contract': 'no' }), 'p/write-one').excluded).toBeNull();
    expect(itemOf(run([pb], { 'p/has-contract': 'yes' }), 'p/write-one').excluded).toBe('when');
  });

  it('collapses a chain A → B → C when A is no', () => {
    const pb = playbook('p', [
      item('a', 'major'),
      item('b', 'major', { when: { item: 'a', is: ['yes'] } }),
      item('c', 'critical', { when: { item: 'b', is: ['yes'] } }),
    ]);
    const open = run([pb], { 'p/a': 'yes', 'p/b': 'yes', 'p/c': 'no' });
    expect(open.items.map((i) => i.excluded)).toEqual([null, null, null]);
    expect(open.blockers).toEqual(['p/c']);

    // B and C still carry `yes` from before, but once A is no, neither is asked.
    const closed = run([pb], { 'p/a': 'no', 'p/b': 'yes', 'p/c': 'no' });
    expect(closed.items.map((i) => i.excluded)).toEqual([null, 'when', 'when']);
    expect(closed.blockers).toEqual([]);
    expect(closed.scores.overall).toMatchObject({ earned: 0, possible: 3 });
  });

  it('follows a `when` into another playbook', () => {
    const base = playbook('base', [item('uses-sla', 'major')]);
    const dep = playbook('dep', [item('credits', 'critical', { when: { item: 'base/uses-sla', is: ['yes'] } })]);
    expect(itemOf(run([base, dep], { 'base/uses-sla': 'yes' }), 'dep/credits').excluded).toBeNull();
    expect(itemOf(run([base, dep], { 'base/uses-sla': 'no' }), 'dep/credits').excluded).toBe('when');
    // The target's playbook is not selected: the condition cannot hold.
    expect(itemOf(run([dep], { 'base/uses-sla': 'yes' }), 'dep/credits').excluded).toBe('when');
  });

  it('hides an item whose condition names an item excluded by type', () => {
    const pb = playbook('p', [item('a', 'major', { applies_to: ['bpo'] }), item('b', 'critical', { when: { item: 'a', is: ['yes'] } })]);
    const a = run([pb], { 'p/a': 'yes' }, { type: 'freelancer' });
    expect(a.items.map((i) => i.excluded)).toEqual(['type', 'when']);
    expect(a.blockers).toEqual([]);
  });
});

describe('applicability: `applies_to`', () => {
  it('excludes an item whose applies_to leaves out the engagement type', () => {
    const pb = playbook('p', [item('all', 'minor'), item('bpo-only', 'critical', { applies_to: ['bpo'] })]);
    const freelancer = run([pb], { 'p/all': 'yes' }, { type: 'freelancer' });
    expect(itemOf(freelancer, 'p/bpo-only').excluded).toBe('type');
    expect(freelancer.blockers).toEqual([]);
    expect(freelancer.verdict.level).toBe('ready');
    expect(freelancer.scores.overall.possible).toBe(1);

    const bpo = run([pb], { 'p/all': 'yes' }, { type: 'bpo' });
    expect(itemOf(bpo, 'p/bpo-only').excluded).toBeNull();
    expect(bpo.blockers).toEqual(['p/bpo-only']);
    expect(bpo.scores.overall.possible).toBe(6);
  });

  it('excludes every item of a playbook whose applies_to leaves out the type', () => {
    const bpoOnly = playbook('bpo-only', [item('a', 'critical'), item('b', 'major')], { applies_to: ['bpo'] });
    const general = playbook('general', [item('x', 'minor')]);
    const a = run([general, bpoOnly], { 'general/x': 'yes' }, { type: 'agency' });
    expect(a.items.filter((i) => i.playbook === 'bpo-only').map((i) => i.excluded)).toEqual(['type', 'type']);
    expect(a.playbooks.find((p) => p.id === 'bpo-only')?.score).toMatchObject({ percent: null, possible: 0 });
    expect(a.scores.overall.percent).toBe(100);
    expect(a.verdict.level).toBe('ready');
  });

  it('lets an item applies_to override its playbook', () => {
    const pb = playbook('p', [item('a', 'minor'), item('b', 'minor', { applies_to: ['freelancer'] })], { applies_to: ['bpo'] });
    const a = run([pb], {}, { type: 'freelancer' });
    expect(a.items.map((i) => i.excluded)).toEqual(['type', null]);
  });
});

// ---------------------------------------------------------------------------

describe('assess: scores per section, playbook, kind and overall', () => {
  const comms = playbook(
    'comms',
    [
      section('s1', [item('a', 'critical'), item('b', 'major')]),
      section('s2', [item('c', 'minor'), item('d', 'minor')]),
    ],
    { kind: 'skill', title: 'Comms' },
  );
  const nego = playbook('nego', [item('e', 'major'), item('f', 'major')], { kind: 'skill' });
  const align = playbook('align', [item('g', 'critical', { weight: 4 }), item('h', 'minor')], { kind: 'focus-area' });
  const mine = playbook('mine', [item('i', 'minor', { weight: 2 })], { kind: 'custom' });
  const answers: Record<string, AnswerEntry> = {
    'comms/a': 'yes', // 5 of 5
    'comms/b': 'partly', // 1.5 of 3
    'comms/c': 'na', // out
    'comms/d': 'no', // 0 of 1
    'nego/e': 'yes', // 3 of 3
    'nego/f': 'yes', // 3 of 3
    'align/g': 'partly', // 2 of 4
    'align/h': 'yes', // 1 of 1
    // mine/i unanswered: 0 of 2
  };
  const a = run([comms, nego, align, mine], answers);

  it('per section', () => {
    const sections = a.playbooks[0]?.sections ?? [];
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      ['s1', 'Section s1'],
      ['s2', 'Section s2'],
    ]);
    // s1: 6.5 of 8 = 81.25 → 81.3; s2: c is na, d 0 of 1 → 0.
    expect(sections[0]?.score).toMatchObject({ earned: 6.5, possible: 8, percent: 81.3 });
    expect(sections[1]?.score).toMatchObject({ earned: 0, possible: 1, percent: 0, counts: { yes: 0, partly: 0, no: 1, na: 1, unanswered: 0 } });
  });

  it('per playbook, in the order given', () => {
    expect(a.playbooks.map((p) => [p.id, p.kind, p.title, p.version, p.score.earned, p.score.possible, p.score.percent])).toEqual([
      ['comms', 'skill', 'Comms', '1.0.0', 6.5, 9, 72.2],
      ['nego', 'skill', 'Playbook nego', '1.0.0', 6, 6, 100],
      ['align', 'focus-area', 'Playbook align', '1.0.0', 3, 5, 60],
      ['mine', 'custom', 'Playbook mine', '1.0.0', 0, 2, 0],
    ]);
  });

  it('per kind', () => {
    // Skills: comms 6.5/9 + nego 6/6 = 12.5 of 15 = 83.3.
    expect(a.scores.skills).toMatchObject({ earned: 12.5, possible: 15, percent: 83.3 });
    expect(a.scores.focus_areas).toMatchObject({ earned: 3, possible: 5, percent: 60 });
    expect(a.scores.custom).toMatchObject({ earned: 0, possible: 2, percent: 0, counts: { unanswered: 1 } });
  });

  it('overall', () => {
    // 12.5 + 3 + 0 = 15.5 of 15 + 5 + 2 = 22 → 70.45… → 70.5.
    expect(a.scores.overall).toMatchObject({ earned: 15.5, possible: 22, percent: 70.5 });
    expect(a.scores.overall.counts).toEqual({ yes: 4, partly: 2, no: 1, na: 1, unanswered: 1 });
  });

  it('a kind with no playbooks has no score', () => {
    const only = run([nego], { 'nego/e': 'yes', 'nego/f': 'yes' });
    expect(only.scores.focus_areas).toMatchObject({ percent: null, possible: 0 });
    expect(only.scores.custom.percent).toBeNull();
    expect(only.scores.skills.percent).toBe(100);
  });
});

describe('assess: blockers and gaps', () => {
  const pb1 = playbook('one', [
    item('minor-no', 'minor'),
    item('major-partly', 'major'),
    item('crit-partly', 'critical'),
    item('major-no-heavy', 'major', { weight: 4 }),
    item('yes', 'critical'),
    item('na', 'major'),
    item('crit-no', 'critical'),
  ]);
  const pb2 = playbook('two', [
    item('major-open', 'major'),
    item('crit-open-heavy', 'critical', { weight: 8 }),
    item('minor-partly', 'minor', { weight: 2 }),
    item('hidden', 'critical', { applies_to: ['bpo'] }),
  ]);
  const a = run([pb1, pb2], {
    'one/minor-no': 'no',
    'one/major-partly': 'partly',
    'one/crit-partly': 'partly',
    'one/major-no-heavy': 'no',
    'one/yes': 'yes',
    'one/na': { answer: 'na', note: 'No SLA in this deal' },
    'one/crit-no': 'no',
    'two/minor-partly': 'partly',
  });

  it('lists blockers, heaviest first', () => {
    expect(a.blockers).toEqual(['two/crit-open-heavy', 'one/crit-no']);
    expect(a.verdict.level).toBe('not-ready');
  });

  it('orders gaps by severity, then weight, then playbook order; yes, na, blockers and excluded items are not gaps', () => {
    expect(a.gaps).toEqual([
      'one/crit-partly',
      'one/major-no-heavy', // weight 4 before the 3s
      'one/major-partly', // weight 3, earlier in playbook order
      'two/major-open', // weight 3, later
      'two/minor-partly', // weight 2
      'one/minor-no', // weight 1
    ]);
  });

  it('keeps every item, with its answer and note, in playbook order', () => {
    expect(a.items.map((i) => i.key)).toEqual([
      'one/minor-no',
      'one/major-partly',
      'one/crit-partly',
      'one/major-no-heavy',
      'one/yes',
      'one/na',
      'one/crit-no',
      'two/major-open',
      'two/crit-open-heavy',
      'two/minor-partly',
      'two/hidden',
    ]);
    expect(itemOf(a, 'one/na')).toMatchObject({ answer: 'na', note: 'No SLA in this deal', excluded: null });
    expect(itemOf(a, 'two/major-open')).toMatchObject({ answer: null, note: null });
    expect(itemOf(a, 'two/hidden')).toMatchObject({ excluded: 'type', answer: null });
    expect(itemOf(a, 'one/crit-no')).toMatchObject({ playbook: 'one', section: 'main', id: 'crit-no', question: 'Is crit-no in place?', why: 'Without crit-no, trouble.', fix: 'Put crit-no in place.', severity: 'critical', weight: 5, clause: null, sources: [] });
  });
});

// ---------------------------------------------------------------------------

describe('re-check dates', () => {
  const pb = playbook(
    'p',
    [
      item('own', 'major', { recheck_months: 3 }), // overrides the playbook's 12
      item('inherits', 'major'),
      item('undated', 'major'),
      item('unanswered', 'major'),
      item('hidden', 'major', { applies_to: ['bpo'] }),
    ],
    { recheck_months: 12 },
  );
  const plain = playbook('plain', [item('never', 'minor')]);
  const at = '2026-01-31T09:00:00Z';
  const a = run([pb, plain], {
    'p/own': { answer: 'yes', answered: at },
    'p/inherits': { answer: 'partly', answered: at },
    'p/undated': 'yes',
    'p/unanswered': { answer: null, answered: at },
    'p/hidden': { answer: 'yes', answered: at },
    'plain/never': { answer: 'yes', answered: at },
  });

  it('takes recheck_months from the item, else from the playbook', () => {
    expect(itemOf(a, 'p/own')).toMatchObject({ recheck_months: 3, answered: at, due: '2026-04-30' });
    expect(itemOf(a, 'p/inherits')).toMatchObject({ recheck_months: 12, due: '2027-01-31' });
    expect(itemOf(a, 'plain/never')).toMatchObject({ recheck_months: null, due: null });
  });

  it('gives no date without an answer, a timestamp, or when the item is not asked', () => {
    expect(itemOf(a, 'p/undated')).toMatchObject({ recheck_months: 12, answered: null, due: null });
    expect(itemOf(a, 'p/unanswered')).toMatchObject({ answer: null, due: null });
    expect(itemOf(a, 'p/hidden')).toMatchObject({ excluded: 'type', due: null });
  });

  it.each([
    ['2026-01-31T09:00:00Z', 1, '2026-02-28'],
    ['2028-01-31T09:00:00Z', 1, '2028-02-29'], // leap year
    ['2026-03-31T09:00:00Z', 1, '2026-04-30'],
    ['2026-08-31T09:00:00Z', 6, '2027-02-28'],
    ['2026-11-15T09:00:00Z', 3, '2027-02-15'],
    ['2026-05-10T23:30:00Z', 12, '2027-05-10'],
    ['2026-12-31T00:00:00Z', 120, '2036-12-31'],
    ['2026-01-15T10:00:00+02:00', 1, '2026-02-15'],
  ] as const)('dueDate(%s, %i) = %s', (answered, months, due) => {
    expect(dueDate(answered, months)).toBe(due);
  });

  it('dueDate is null without a date, months, or with a date it cannot read', () => {
    expect(dueDate(null, 3)).toBeNull();
    expect(dueDate('2026-01-31T09:00:00Z', null)).toBeNull();
    expect(dueDate('not a date', 3)).toBeNull();
  });

  it('dueStatus: due on or before today, soon within 30 days, later after', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(dueStatus('2026-11-01', now)).toBe('due');
    expect(dueStatus('2026-11-28', now)).toBe('due');
    expect(dueStatus('2026-12-20', now)).toBe('soon');
    expect(dueStatus('2027-03-01', now)).toBe('later');
  });
});
