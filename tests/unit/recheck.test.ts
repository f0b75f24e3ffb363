import { describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswerEntry, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { dueDate, dueStatus } from '../../src/assessment/recheck.js';
import { dueKeys, pendingRecheck } from '../../src/assessment/recheck-items.js';
import { PLAYBOOK_FORMAT, type Item, type Playbook, type Severity } from '../../src/playbook/schema.js';
import { makeStyle } from '../../src/terminal/style.js';
import { runInterview, type InterviewDeps } from '../../src/ui/interview.js';
import { flat, ScriptedAsker, select, type Step } from '../support/scripted-asker.js';

describe('dueDate', () => {
  it.each([
    // Calendar months, clamped to the last day of a shorter month.
    ['2026-01-31T09:00:00Z', 1, '2026-02-28'],
    ['2028-01-31T09:00:00Z', 1, '2028-02-29'],
    ['2026-08-31T09:00:00Z', 6, '2027-02-28'],
    ['2026-03-31T09:00:00Z', 3, '2026-06-30'],
    // Across the year end, and a whole year on the same day.
    ['2026-11-30T09:00:00Z', 3, '2027-02-28'],
    ['2026-12-15T09:00:00Z', 12, '2027-12-15'],
    ['2028-02-29T09:00:00Z', 12, '2029-02-28'],
    ['2026-05-10T09:00:00Z', 120, '2036-05-10'],
    // The day is the UTC day: late evening in New York is already the next day.
    ['2026-01-31T23:30:00-05:00', 1, '2026-03-01'],
    ['2026-02-01T00:30:00+02:00', 1, '2026-02-28'],
  ] as const)('dueDate(%s, %i) = %s', (answered, months, due) => {
    expect(dueDate(answered, months)).toBe(due);
  });

  it('is null without a date, without months, or with a date it cannot read', () => {
    expect(dueDate(null, 3)).toBeNull();
    expect(dueDate('2026-01-31T09:00:00Z', null)).toBeNull();
    expect(dueDate('yesterday', 3)).toBeNull();
    expect(dueDate('', 3)).toBeNull();
  });
});

describe('dueStatus', () => {
  const now = new Date('2026-11-28T23:59:59Z');

  it('is due on the day itself and any day before', () => {
    expect(dueStatus('2026-11-28', now)).toBe('due');
    expect(dueStatus('2026-11-27', now)).toBe('due');
    expect(dueStatus('2019-01-01', now)).toBe('due');
  });

  it('is soon from tomorrow up to and including the last day of the window, later after it', () => {
    expect(dueStatus('2026-11-29', now)).toBe('soon');
    expect(dueStatus('2026-12-28', now)).toBe('soon');
    expect(dueStatus('2026-12-29', now)).toBe('later');
    expect(dueStatus('2026-12-05', now, 7)).toBe('soon');
    expect(dueStatus('2026-12-06', now, 7)).toBe('later');
  });

  it('with a window of 0 days, only what is due today or earlier counts', () => {
    expect(dueStatus('2026-11-28', now, 0)).toBe('due');
    expect(dueStatus('2026-11-29', now, 0)).toBe('later');
  });

  it('counts days in UTC, like the due dates', () => {
    // A minute after midnight UTC: yesterday's date is past.
    const early = new Date('2026-11-29T00:01:00Z');
    expect(dueStatus('2026-11-28', early)).toBe('due');
    expect(dueStatus('2026-11-29', early)).toBe('due');
    expect(dueStatus('2026-11-30', early)).toBe('soon');
  });

  it('a long window reaches into the next year', () => {
    expect(dueStatus('2027-12-31', now, 400)).toBe('soon');
    expect(dueStatus('2028-01-03', now, 400)).toBe('later');
  });
});

// ---------------------------------------------------------------------------

function item(id: string, severity: Severity, extra: Partial<Omit<Item, 'id' | 'severity'>> = {}): Item {
  return { id, question: `Question ${id}?`, why: `Why ${id} matters.`, fix: `Fix for ${id}.`, severity, ...extra };
}

/** Answers go stale after 12 months unless the item says otherwise. */
const OPS: Playbook = {
  format: PLAYBOOK_FORMAT,
  id: 'ops',
  kind: 'focus-area',
  title: 'Operations',
  version: '1.0.0',
  summary: 'Running the service.',
  recheck_months: 12,
  sections: [
    {
      id: 'main',
      title: 'Main',
      items: [
        item('brief', 'critical', { recheck_months: 3 }),
        item('owner', 'critical'),
        item('kpis', 'major', { recheck_months: 3 }),
        item('sla', 'major'),
        item('credits', 'major', { when: { item: 'sla', is: ['yes', 'partly'] } }),
        item('fallback', 'major', { when: { item: 'sla', is: ['no'] } }),
        item('agency-only', 'major', { applies_to: ['agency'] }),
        item('undated', 'minor'),
        item('last', 'minor'),
      ],
    },
  ],
};

const Q = (id: string) => `Question ${id}?`;
const NOW = Date.UTC(2026, 5, 15, 9, 0, 0);

/**
 * On 2026-06-15: brief (3 months from 2025-01-01) and sla (12 months from 2025-05-01) are
 * due; kpis falls due on 2026-06-25, soon but not yet; owner and credits are recent;
 * undated has no date, so it never falls due; last was never answered. fallback (sla no)
 * and agency-only (agency) are not asked of this freelancer.
 */
const ANSWERS: Record<string, AnswerEntry> = {
  'ops/brief': { answer: 'yes', answered: '2025-01-01T10:00:00Z' },
  'ops/owner': { answer: 'partly', note: 'Only for invoices', answered: '2026-03-01T10:00:00Z' },
  'ops/kpis': { answer: 'yes', answered: '2026-03-25T10:00:00Z' },
  'ops/sla': { answer: 'partly', note: 'Drafted', answered: '2025-05-01T10:00:00Z' },
  'ops/credits': { answer: 'no', answered: '2026-06-01T10:00:00Z' },
  'ops/undated': 'yes',
};

function session(): AnswersFile {
  return {
    format: ANSWERS_FORMAT,
    engagement: { vendor: 'Acme', type: 'freelancer' },
    answers: structuredClone(ANSWERS),
    meta: { started: '2025-01-01T10:00:00Z', updated: '2026-06-01T10:00:00Z', finished: '2026-06-01T10:00:00Z' },
  };
}

function harness(steps: readonly Step[]) {
  let tick = 0;
  const saves: AnswersFile[] = [];
  const asker = new ScriptedAsker(steps, { onAnswer: () => (tick += 1) });
  const deps: InterviewDeps = {
    asker,
    print: () => undefined,
    style: makeStyle(false),
    width: 80,
    now: () => new Date(NOW + tick * 60_000),
    save: (s) => saves.push(structuredClone(s)),
    sessionFile: '/tmp/sessions/acme-20260615T090000Z.yaml',
  };
  const questions = () => asker.shown.filter((s) => s.kind === 'select' && s.values.includes('yes')).map((s) => flat(s.message));
  return { asker, deps, saves, questions };
}

describe('dueKeys', () => {
  it('is the applicable items whose answer is due today, and the applicable items never answered', () => {
    expect([...dueKeys([OPS], session(), new Date(NOW))].sort()).toEqual(['ops/brief', 'ops/last', 'ops/sla']);
  });

  it('takes in an item on the day it falls due, not the day before', () => {
    expect(dueKeys([OPS], session(), new Date('2026-06-24T23:00:00Z')).has('ops/kpis')).toBe(false);
    expect(dueKeys([OPS], session(), new Date('2026-06-25T00:00:00Z')).has('ops/kpis')).toBe(true);
  });

  it('asks an item excluded by type once the engagement type fits it', () => {
    const agency = { ...session(), engagement: { vendor: 'Acme', type: 'agency' as const } };
    expect(dueKeys([OPS], agency, new Date(NOW)).has('ops/agency-only')).toBe(true);
  });
});

describe('runInterview with only the due items', () => {
  it('asks exactly the stale and unanswered items, in order, and keeps every other answer as it was', async () => {
    const before = session();
    const only = dueKeys([OPS], before, new Date(NOW));
    const h = harness([select('no', Q('brief')), select('yes', Q('sla')), select('partly', Q('last')), { kind: 'input', expect: 'What is in place', answer: 'Half of it' }, select(':finish', 'Pick an answer to change, or finish')]);
    const done = await runInterview(h.deps, before, [OPS], only);

    // The question shows the note already given with it.
    expect(h.questions()).toEqual([Q('brief'), `${Q('sla')} Note: Drafted`, Q('last')]);
    expect(h.asker.remaining).toBe(0);
    // A stale answer is offered as the default, so Enter confirms it.
    expect(h.asker.shown[0]?.default).toBe('yes');
    expect(h.asker.shown[1]?.default).toBe('partly');

    const after = answerMap(done);
    expect(after.get('ops/brief')).toMatchObject({ value: 'no', note: null });
    expect(after.get('ops/sla')).toMatchObject({ value: 'yes', note: 'Drafted' });
    expect(after.get('ops/last')).toMatchObject({ value: 'partly', note: 'Half of it' });
    // The re-asked answers carry the time they were given again.
    for (const key of ['ops/brief', 'ops/sla', 'ops/last'] as const) expect(Date.parse(after.get(key)?.answered ?? '')).toBeGreaterThanOrEqual(NOW);
    // Everything else is exactly as it was, dates and notes included.
    for (const key of ['ops/owner', 'ops/kpis', 'ops/credits', 'ops/undated']) expect(done.answers?.[key]).toEqual(ANSWERS[key]);
    expect(Object.keys(done.answers ?? {}).sort()).toEqual([...Object.keys(ANSWERS), 'ops/last'].sort());
    expect(done.meta?.finished).toBeDefined();
    // The session handed in is not changed; the interview works on its own copy.
    expect(before.answers).toEqual(ANSWERS);
  });

  it('when nothing is due and nothing is open, dueKeys is empty', () => {
    const current = session();
    current.answers = {
      ...current.answers,
      'ops/brief': { answer: 'yes', answered: '2026-06-01T10:00:00Z' },
      'ops/sla': { answer: 'yes', answered: '2026-06-01T10:00:00Z' },
      'ops/last': 'na',
    };
    expect(dueKeys([OPS], current, new Date(NOW)).size).toBe(0);
  });
});

describe('pendingRecheck (resuming an interrupted re-check)', () => {
  const started = '2026-06-15T09:00:00.000Z';
  const interrupted = (): AnswersFile => ({
    ...session(),
    answers: {
      ...structuredClone(ANSWERS),
      // Re-confirmed after the re-check began, before the interruption.
      'ops/brief': { answer: 'yes', answered: '2026-06-15T09:01:00.000Z' },
    },
    meta: { started, updated: '2026-06-15T09:01:00.000Z', recheck: ['ops/brief', 'ops/sla', 'ops/last'] },
  });

  it('asks again only the re-check items not answered since the re-check began', () => {
    expect([...(pendingRecheck(interrupted()) ?? [])].sort()).toEqual(['ops/last', 'ops/sla']);
  });

  it('is null for a session that is not a re-check, so everything open is asked', () => {
    expect(pendingRecheck(session())).toBeNull();
  });

  it('is empty once every re-check item was answered again', () => {
    const done = interrupted();
    done.answers = { ...done.answers, 'ops/sla': { answer: 'yes', answered: '2026-06-15T09:02:00.000Z' }, 'ops/last': { answer: 'no', answered: '2026-06-15T09:03:00.000Z' } };
    expect(pendingRecheck(done)?.size).toBe(0);
  });
});
