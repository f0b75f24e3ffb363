import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswerEntry, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { applicableEntries, entriesOf, scopeOf } from '../../src/assessment/applicability.js';
import { InterruptedError } from '../../src/errors.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { PLAYBOOK_FORMAT, resolveWhenTarget, type EngagementType, type Item, type ItemKey, type Playbook } from '../../src/playbook/schema.js';
import { makeStyle } from '../../src/terminal/style.js';
import { askEngagement, askPlaybooks, askVendor, runInterview, type InterviewDeps } from '../../src/ui/interview.js';
import { flat, input, interrupt, ScriptedAsker, select, type Fallback, type Shown, type Step } from '../support/scripted-asker.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function item(id: string, extra: Partial<Item> = {}): Item {
  return { id, question: `Question ${id}?`, why: `Why ${id} matters.`, fix: `Fix for ${id}.`, severity: 'major', ...extra };
}

/**
 * Asked for a freelancer: brief, owner, sla, (credits when sla is yes or
 * partly), last. `agency-only` is never asked of a freelancer.
 */
const ALPHA: Playbook = {
  format: PLAYBOOK_FORMAT,
  id: 'alpha',
  kind: 'skill',
  title: 'Alpha',
  version: '1.0.0',
  summary: 'A small playbook for tests.',
  sections: [
    { id: 'before', title: 'Before', items: [item('brief', { severity: 'critical' }), item('owner'), item('agency-only', { applies_to: ['agency'] })] },
    { id: 'during', title: 'During', items: [item('sla'), item('credits', { when: { item: 'sla', is: ['yes', 'partly'] } }), item('last', { severity: 'minor' })] },
  ],
};

const Q = (id: string) => `Question ${id}?`;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const minute = (n: number) => new Date(T0 + n * 60_000).toISOString();
const SESSION_FILE = '/tmp/outsource check/sessions/acme-20260105T090000Z.yaml';

function start(answers: Record<string, AnswerEntry> = {}, extra: Partial<AnswersFile> = {}, type: EngagementType = 'freelancer'): AnswersFile {
  return { format: ANSWERS_FORMAT, engagement: { vendor: 'Acme', type }, answers, meta: { started: minute(0) }, ...extra };
}

type Event = { type: 'answer'; shown: Shown } | { type: 'save'; session: AnswersFile };

/** A scripted person, a clock that moves one minute per answer, and every save and print recorded. */
function harness(steps: readonly Step[], options: { fallback?: Fallback; width?: number } = {}) {
  let tick = 0;
  const events: Event[] = [];
  const saves: AnswersFile[] = [];
  const printed: string[] = [];
  const asker = new ScriptedAsker(steps, {
    onAnswer: (shown) => {
      tick += 1;
      events.push({ type: 'answer', shown });
    },
    ...(options.fallback ? { fallback: options.fallback } : {}),
  });
  const deps: InterviewDeps = {
    asker,
    print: (text) => printed.push(text),
    style: makeStyle(false),
    width: options.width ?? 80,
    now: () => new Date(T0 + tick * 60_000),
    save: (session) => {
      const copy = structuredClone(session);
      saves.push(copy);
      events.push({ type: 'save', session: copy });
    },
    sessionFile: SESSION_FILE,
  };
  const questions = () => asker.shown.filter((s) => s.kind === 'select' && s.values.includes('yes')).map((s) => flat(s.message));
  const lastSave = () => {
    const last = saves[saves.length - 1];
    if (!last) throw new Error('nothing was saved');
    return last;
  };
  return { asker, deps, events, saves, printed, questions, lastSave };
}

const FINISH = select(':finish', 'Pick an answer to change, or finish');

describe('runInterview: the question loop', () => {
  it('asks every applicable item once, in order, with [n/N], and never one excluded by applies_to', async () => {
    const h = harness([select('yes', Q('brief')), select('no', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);

    expect(h.questions()).toEqual([Q('brief'), Q('owner'), Q('sla'), Q('last')]);
    expect(h.printed.filter((l) => /^\[\d+\/\d+\]/.test(l)).map((l) => l.split(' ')[0])).toEqual(['[1/4]', '[2/4]', '[3/4]', '[4/4]']);
    expect(h.asker.shown.map((s) => s.message).join('\n')).not.toContain(Q('agency-only'));
    expect(Object.keys(done.answers ?? {})).toEqual(['alpha/brief', 'alpha/owner', 'alpha/sla', 'alpha/last']);
    expect(done.meta?.finished).toBeDefined();
    expect(h.asker.remaining).toBe(0);
  });

  it('asks an item limited by applies_to when the engagement type fits', async () => {
    const h = harness([], { fallback: (s) => (s.values.includes('yes') ? 'no' : ':finish') });
    await runInterview(h.deps, start({}, {}, 'agency'), [ALPHA]);
    expect(h.questions()).toEqual([Q('brief'), Q('owner'), Q('agency-only'), Q('sla'), Q('last')]);
  });

  it('asks a `when` item right after its target got a matching answer, and counts it in [n/N]', async () => {
    const h = harness([select('yes', Q('brief')), select('yes', Q('owner')), select('partly', Q('sla')), input('', 'What is in place'), select('no', Q('credits')), select('yes', Q('last')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);

    expect(h.questions()).toEqual([Q('brief'), Q('owner'), Q('sla'), Q('credits'), Q('last')]);
    expect(h.printed.filter((l) => /^\[\d+\/\d+\]/.test(l)).map((l) => l.split(' ')[0])).toEqual(['[1/4]', '[2/4]', '[3/4]', '[4/5]', '[5/5]']);
    expect(answerMap(done).get('alpha/credits')?.value).toBe('no');
  });

  it('does not ask a `when` item whose target got another answer, and drops it again when the target changes', async () => {
    // sla yes reveals credits; going back and changing sla to na hides it again before it is asked.
    const h = harness([select('yes', Q('brief')), select('yes', Q('owner')), select('yes', Q('sla')), select('back', Q('credits')), select('na', Q('sla')), input('', 'Why does it not apply'), select('yes', Q('last')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    expect(h.questions()).toEqual([Q('brief'), Q('owner'), Q('sla'), Q('credits'), Q('sla'), Q('last')]);
    expect(answerMap(done).has('alpha/credits')).toBe(false);
    const review = h.asker.shown.find((s) => s.message.startsWith('Pick an answer'));
    expect(review?.values).not.toContain('alpha/credits');
  });

  it('saves after every answer, before the next question, with the answer and its time', async () => {
    const h = harness([select('yes', Q('brief')), select('no', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), FINISH]);
    await runInterview(h.deps, start(), [ALPHA]);

    const expected: [ItemKey, string][] = [
      ['alpha/brief', 'yes'],
      ['alpha/owner', 'no'],
      ['alpha/sla', 'no'],
      ['alpha/last', 'yes'],
    ];
    // Every answer event is followed by a save holding it, stamped with the clock at that answer.
    const answerEvents = h.events.flatMap((e, i) => (e.type === 'answer' && e.shown.values.includes('yes') ? [i] : []));
    expect(answerEvents).toHaveLength(4);
    answerEvents.forEach((index, n) => {
      const next = h.events[index + 1];
      expect(next?.type).toBe('save');
      const session = next?.type === 'save' ? next.session : null;
      const [key, value] = expected[n] ?? ['', ''];
      expect(session?.answers?.[key]).toEqual({ answer: value, answered: minute(n + 1) });
      expect(session?.meta?.updated).toBe(minute(n + 1));
      expect(Object.keys(session?.answers ?? {})).toHaveLength(n + 1);
    });
    const final = h.lastSave();
    expect(final.meta?.finished).toBe(minute(5));
    expect(final.meta?.started).toBe(minute(0));
  });

  it('asks for a note after partly and na, not after yes or no', async () => {
    const h = harness([
      select('partly', Q('brief')),
      input('  half of it is written  ', 'What is in place, and what is missing?'),
      select('na', Q('owner')),
      input('solo founder', 'Why does it not apply?'),
      select('yes', Q('sla')),
      select('no', Q('credits')),
      select('partly', Q('last')),
      input('', 'What is in place'),
      FINISH,
    ]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    const answers = answerMap(done);
    expect(answers.get('alpha/brief')).toMatchObject({ value: 'partly', note: 'half of it is written' });
    expect(answers.get('alpha/owner')).toMatchObject({ value: 'na', note: 'solo founder' });
    expect(answers.get('alpha/sla')).toMatchObject({ value: 'yes', note: null });
    expect(answers.get('alpha/credits')).toMatchObject({ value: 'no', note: null });
    // An empty note is no note.
    expect(done.answers?.['alpha/last']).not.toHaveProperty('note');
    expect(h.asker.shown.filter((s) => s.kind === 'input')).toHaveLength(3);
  });

  it('"Add a note…" on a yes stores the note, shows it with the question, and offers to change it', async () => {
    const h = harness([
      select('note', Q('brief')),
      input('checked by Sam', 'Note'),
      select('yes', 'Note: checked by Sam'),
      select('no', Q('owner')),
      select('no', Q('sla')),
      select('yes', Q('last')),
      FINISH,
    ]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    expect(h.asker.shown[0]?.names).toContain('Add a note…');
    expect(h.asker.shown[2]?.names).toContain('Change the note…');
    expect(h.asker.shown[2]?.names).not.toContain('Add a note…');
    expect(done.answers?.['alpha/brief']).toEqual({ answer: 'yes', note: 'checked by Sam', answered: minute(3) });
  });

  it('prints the fix after no and partly, and not after yes', async () => {
    const h = harness([select('no', Q('brief')), select('partly', Q('owner')), input('', 'What is in place'), select('yes', Q('sla')), select('yes', Q('credits')), select('na', Q('last')), input('', 'Why'), FINISH]);
    await runInterview(h.deps, start(), [ALPHA]);
    const fixes = h.printed.filter((l) => l.includes('To fix:')).map(flat);
    expect(fixes).toEqual(['To fix: Fix for brief.', 'To fix: Fix for owner.']);
  });

  it('shows why each item matters before it is asked, and the section header once per section', async () => {
    const h = harness([select('yes'), select('yes'), select('no'), select('yes'), FINISH]);
    await runInterview(h.deps, start(), [ALPHA]);
    const whyLines = h.printed.filter((l) => l.startsWith('Why it matters:'));
    expect(whyLines).toEqual(['Why it matters: Why brief matters.', 'Why it matters: Why owner matters.', 'Why it matters: Why sla matters.', 'Why it matters: Why last matters.']);
    expect(h.printed.filter((l) => l === 'Alpha › Before')).toHaveLength(1);
    expect(h.printed.filter((l) => l === 'Alpha › During')).toHaveLength(1);
  });

  it('wraps a long question and its note at word boundaries, leaving room for the prompt mark', async () => {
    const long = 'Does the vendor take instructions and approvals from a single named person in your company, and nobody else?';
    const playbook: Playbook = { ...ALPHA, sections: [{ id: 's', title: 'S', items: [item('long', { question: long })] }] };
    const note = 'agreed on the call with both founders, to be written into the statement of work next week';
    const h = harness([select('note', long), input(note, 'Note'), select('yes', long), FINISH], { width: 60 });
    await runInterview(h.deps, start(), [playbook]);
    const lines = h.asker.shown[2]?.message.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(3);
    expect((lines[0] ?? '').length).toBeLessThanOrEqual(58);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    // Words are kept whole: joining the lines gives the text back.
    expect(flat(h.asker.shown[2]?.message ?? '')).toBe(`${long} Note: ${note}`);
  });

  it('offers the choices in order, with going back (Esc or ←) only once there is a previous one, never as a menu entry', async () => {
    const h = harness([select('yes'), select('yes'), select('no'), select('yes'), FINISH]);
    await runInterview(h.deps, start(), [ALPHA]);
    const base = ['Yes', 'Partly', 'No', 'Not applicable', 'Skip for now', 'Add a note…'];
    expect(h.asker.shown[0]?.names).toEqual(base);
    expect(h.asker.shown[0]?.back).toBeUndefined();
    expect(h.asker.shown[1]?.names).toEqual(base);
    expect(h.asker.shown[1]?.back).toBe('back');
  });

  it('after a resume, the first question asked can go back to the last one answered', async () => {
    const resumed = { ...start(), answers: { 'alpha/brief': 'yes' as const, 'alpha/owner': 'no' as const } };
    const h = harness([select('back', Q('sla')), select('partly', Q('owner')), input('', 'What is in place'), select('no', Q('sla')), select('yes', Q('last')), FINISH]);
    const done = await runInterview(h.deps, resumed, [ALPHA]);
    expect(h.asker.shown[0]?.back).toBe('back');
    expect(h.asker.shown[1]?.default).toBe('no');
    expect(answerMap(done).get('alpha/owner')?.value).toBe('partly');
  });
});

describe('runInterview: skipping, going back and the review', () => {
  it('a skipped item stays unanswered, is listed in meta.skipped, and the review asks it again', async () => {
    const h = harness([
      select('skip', Q('brief')),
      select('yes', Q('owner')),
      select('no', Q('sla')),
      select('yes', Q('last')),
      select(':open', 'Pick an answer'),
      select('partly', Q('brief')),
      input('draft only', 'What is in place'),
      FINISH,
    ]);
    const done = await runInterview(h.deps, start(), [ALPHA]);

    const afterSkip = h.saves[0];
    expect(afterSkip?.answers ?? {}).not.toHaveProperty('alpha/brief');
    expect(afterSkip?.meta?.skipped).toEqual(['alpha/brief']);

    const firstReview = h.asker.shown.find((s) => s.message.startsWith('Pick an answer'));
    expect(firstReview?.names).toContain('Answer the 1 open question (skipped or new)');
    expect(firstReview?.names).toContain(`○ ${Q('brief')}`);
    expect(firstReview?.names).toContain(`✔ ${Q('owner')}`);
    expect(firstReview?.names).toContain(`✘ ${Q('sla')}`);

    const secondReview = h.asker.shown.filter((s) => s.message.startsWith('Pick an answer'))[1];
    expect(secondReview?.names.some((n) => n.startsWith('Answer the'))).toBe(false);
    expect(secondReview?.names).toContain(`◐ ${Q('brief')}`);
    expect(answerMap(done).get('alpha/brief')).toMatchObject({ value: 'partly', note: 'draft only' });
    expect(done.meta?.skipped).toBeUndefined();
  });

  it('Esc (back) asks the previous item again, and the new answer replaces the old one', async () => {
    const h = harness([select('yes', Q('brief')), select('back', Q('owner')), select('no', Q('brief')), select('yes', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    const again = h.asker.shown[2];
    expect(flat(again?.message ?? '')).toBe(Q('brief'));
    expect(again?.default).toBe('yes');
    expect(h.printed).toContain('[1/4] critical');
    expect(done.answers?.['alpha/brief']).toMatchObject({ answer: 'no' });
    // The save right after the change already holds it.
    expect(h.saves[1]?.answers?.['alpha/brief']).toMatchObject({ answer: 'no' });
  });

  it('Esc (back) can go back more than one step, and again after answering the previous item', async () => {
    const h = harness([
      select('yes', Q('brief')),
      select('yes', Q('owner')),
      select('back', Q('sla')),
      select('back', Q('owner')),
      select('no', Q('brief')),
      select('no', Q('owner')),
      // Back at sla, the previous question is owner again, not brief.
      select('back', Q('sla')),
      select('partly', Q('owner')),
      input('', 'What is in place'),
      select('no', Q('sla')),
      select('yes', Q('last')),
      FINISH,
    ]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    // On the way forward again, the item stepped back over comes with its answer as the default.
    expect(h.asker.shown[5]?.default).toBe('yes');
    expect(h.asker.shown[3]?.back).toBe('back');
    expect(answerMap(done).get('alpha/brief')?.value).toBe('no');
    expect(answerMap(done).get('alpha/owner')?.value).toBe('partly');
  });

  it('in the review, picking an item and changing its answer changes the final session', async () => {
    const h = harness([select('yes', Q('brief')), select('yes', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), select('alpha/owner', 'Pick an answer'), select('no', Q('owner')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);

    const reviews = h.asker.shown.filter((s) => s.message.startsWith('Pick an answer'));
    expect(reviews[0]?.names[0]).toBe('Finish and write the report');
    expect(reviews[0]?.names.some((n) => n.startsWith('── Alpha'))).toBe(true);
    expect(reviews[0]?.names).toContain(`✔ ${Q('owner')}`);
    expect(reviews[1]?.names).toContain(`✘ ${Q('owner')}`);
    // The item is asked with its current answer as the default, and its header shown again.
    const changed = h.asker.shown.find((s) => flat(s.message) === Q('owner') && s.default === 'yes');
    expect(changed).toBeDefined();
    // The score so far is shown, and drops once the answer is changed.
    const scores = h.printed.filter((l) => l.startsWith('Review: overall')).map((l) => Number(/overall (\d+)/.exec(l)?.[1]));
    expect(scores).toHaveLength(2);
    expect(scores[1]).toBeLessThan(scores[0] ?? 0);
    expect(answerMap(done).get('alpha/owner')?.value).toBe('no');
    expect(h.lastSave().answers?.['alpha/owner']).toMatchObject({ answer: 'no' });
  });

  it('in the review, "Skip for now" on an answered item keeps the answer and does not mark it skipped', async () => {
    const h = harness([select('yes', Q('brief')), select('yes', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), select('alpha/owner', 'Pick an answer'), select('skip', Q('owner')), FINISH]);
    const done = await runInterview(h.deps, start(), [ALPHA]);
    expect(answerMap(done).get('alpha/owner')?.value).toBe('yes');
    expect(done.meta?.skipped).toBeUndefined();
  });
});

describe('runInterview: interruption, resume and re-check', () => {
  it('Ctrl-C throws InterruptedError naming the session file and the resume command; every answer given is saved', async () => {
    const h = harness([select('yes', Q('brief')), select('no', Q('owner')), interrupt('select', Q('sla'))]);
    const error = await runInterview(h.deps, start(), [ALPHA]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    const message = (error as InterruptedError).message;
    expect(message).toContain(SESSION_FILE);
    expect(message).toContain('2 answers are saved');
    // The path has a space, so the command is quoted to paste as shown.
    expect(message).toContain(`outsource-check check --resume '${SESSION_FILE}'`);
    expect((error as InterruptedError).exitCode).toBe(130);
    const saved = h.lastSave();
    expect(saved.answers).toEqual({ 'alpha/brief': { answer: 'yes', answered: minute(1) }, 'alpha/owner': { answer: 'no', answered: minute(2) } });
    expect(saved.meta?.finished).toBeUndefined();
  });

  it('Ctrl-C at the note prompt after partly keeps the partly answer', async () => {
    const h = harness([select('yes', Q('brief')), select('partly', Q('owner')), interrupt('input', 'What is in place')]);
    const error = await runInterview(h.deps, start(), [ALPHA]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(h.lastSave().answers?.['alpha/owner']).toMatchObject({ answer: 'partly' });
  });

  it('Ctrl-C in the review says how to resume too', async () => {
    const h = harness([select('yes'), select('yes'), select('no'), select('yes'), interrupt('select', 'Pick an answer')]);
    const error = await runInterview(h.deps, start(), [ALPHA]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toContain('outsource-check check --resume');
    expect(Object.keys(h.lastSave().answers ?? {})).toHaveLength(4);
  });

  it('resuming a saved session asks only the questions still open', async () => {
    const h = harness([select('yes', Q('sla')), select('yes', Q('credits')), select('no', Q('last')), FINISH]);
    const saved = start({ 'alpha/brief': 'yes', 'alpha/owner': { answer: 'partly', note: 'kept', answered: minute(0) } });
    const done = await runInterview(h.deps, saved, [ALPHA]);
    expect(h.questions()).toEqual([Q('sla'), Q('credits'), Q('last')]);
    expect(h.printed).toContain('[3/4] major');
    expect(done.answers?.['alpha/owner']).toEqual({ answer: 'partly', note: 'kept', answered: minute(0) });
    expect(Object.keys(done.answers ?? {})).toHaveLength(5);
  });

  it('resuming keeps items skipped before out of the questions, and the review offers them', async () => {
    const h = harness([select('yes', Q('owner')), select('no', Q('sla')), select('yes', Q('last')), select(':open', 'Pick an answer'), select('yes', Q('brief')), FINISH]);
    const done = await runInterview(h.deps, start({}, { meta: { started: minute(0), skipped: ['alpha/brief'] } }), [ALPHA]);
    expect(h.questions()).toEqual([Q('owner'), Q('sla'), Q('last'), Q('brief')]);
    expect(h.asker.shown[3]?.names).toContain('Answer the 1 open question (skipped or new)');
    expect(answerMap(done).get('alpha/brief')?.value).toBe('yes');
  });

  it('a re-check (`only`) asks only those items and keeps every other answer', async () => {
    const all = { 'alpha/brief': 'yes', 'alpha/owner': 'yes', 'alpha/sla': 'no', 'alpha/last': 'yes' } as const;
    const h = harness([select('no', Q('owner')), select('partly', Q('last')), input('', 'What is in place'), FINISH]);
    const done = await runInterview(h.deps, start({ ...all }), [ALPHA], new Set<ItemKey>(['alpha/owner', 'alpha/last']));
    expect(h.questions()).toEqual([Q('owner'), Q('last')]);
    // Each is asked with the answer it has, so Enter confirms it.
    expect(h.asker.shown.map((s) => s.default)).toEqual(['yes', 'yes', undefined, undefined]);
    expect(h.printed.filter((l) => /^\[\d+\/\d+\]/.test(l)).map((l) => l.split(' ')[0])).toEqual(['[1/2]', '[2/2]']);
    expect(done.answers?.['alpha/brief']).toBe('yes');
    expect(done.answers?.['alpha/sla']).toBe('no');
    // A re-checked answer carries the time it was confirmed.
    expect(done.answers?.['alpha/owner']).toEqual({ answer: 'no', answered: minute(1) });
    expect(answerMap(done).get('alpha/last')?.value).toBe('partly');
  });

  it('in a re-check, "Answer the N open questions" asks an item a new answer revealed', async () => {
    const h = harness([select('yes', Q('sla')), select(':open', 'Pick an answer'), select('yes', Q('credits')), FINISH]);
    const old = start({ 'alpha/brief': 'yes', 'alpha/owner': 'yes', 'alpha/sla': 'no', 'alpha/last': 'yes' });
    const done = await runInterview(h.deps, old, [ALPHA], new Set<ItemKey>(['alpha/sla']));
    expect(h.asker.shown[1]?.names).toContain('Answer the 1 open question (skipped or new)');
    expect(answerMap(done).get('alpha/credits')?.value).toBe('yes');
  });
});

describe('the questions before the interview', () => {
  it('asks the vendor, the engagement type, both regions and an optional scope', async () => {
    const h = harness([
      input('  Acme Ltd  ', 'Who are you about to hire?'),
      select('bpo', 'What kind of engagement'),
      select('uk', 'Where is your company based?'),
      select('skip', 'Where is the vendor based?'),
      input('  ', 'what will they do'),
    ]);
    const vendor = await askVendor(h.deps);
    expect(vendor).toBe('Acme Ltd');
    const engagement = await askEngagement(h.deps, { vendor });
    expect(engagement).toEqual({ vendor: 'Acme Ltd', type: 'bpo', client_region: 'uk' });
    expect(h.asker.shown[1]?.values).toEqual(['freelancer', 'agency', 'bpo', 'other']);
    expect(h.asker.shown[2]?.values).toEqual(['us', 'uk', 'eu', 'other', 'skip']);
    expect(h.asker.shown[2]?.default).toBeUndefined();
  });

  it("offers the last session's regions as the defaults", async () => {
    const h = harness([select('agency', 'What kind of engagement'), select('eu', 'Where is your company based?'), select('other', 'Where is the vendor based?'), input('', 'what will they do')]);
    const engagement = await askEngagement(h.deps, { vendor: 'Acme' }, { client_region: 'eu', vendor_region: 'other' });
    expect(h.asker.shown[1]?.default).toBe('eu');
    expect(h.asker.shown[2]?.default).toBe('other');
    expect(engagement).toMatchObject({ client_region: 'eu', vendor_region: 'other' });
  });

  it('does not ask what --type, the region flags and a known scope already say', async () => {
    const h = harness([]);
    expect(await askEngagement(h.deps, { vendor: 'Acme', type: 'agency', scope: 'app', client_region: 'us', vendor_region: 'eu' })).toEqual({
      vendor: 'Acme',
      type: 'agency',
      scope: 'app',
      client_region: 'us',
      vendor_region: 'eu',
    });
    expect(h.asker.shown).toHaveLength(0);
  });

  it('offers every playbook checked, with the number of questions for the type, and returns the chosen ones', async () => {
    const beta: Playbook = { ...ALPHA, id: 'beta', title: 'Beta', kind: 'focus-area', sections: [{ id: 's', title: 'S', items: [item('one')] }] };
    const h = harness([{ kind: 'checkbox', answer: ['beta'], expect: 'Which playbooks?' }]);
    const chosen = await askPlaybooks(h.deps, [ALPHA, beta], scopeOf({ engagement: { type: 'freelancer' } }));
    expect(h.asker.shown[0]?.names).toEqual(['Alpha (skill, 4–5 questions)', 'Beta (focus-area, 1 question)']);
    expect(h.asker.shown[0]?.default).toEqual(['alpha', 'beta']);
    expect(chosen.map((p) => p.id)).toEqual(['beta']);
  });
});

describe('runInterview with the bundled playbooks', () => {
  const registry = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] });
  const playbooks = registry.playbooks.map((p) => p.playbook);
  const entries = entriesOf(playbooks);
  const byQuestion = new Map(entries.map((e) => [e.item.question, e]));

  it('loads without problems', () => {
    expect(registry.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(playbooks.length).toBeGreaterThan(1);
  });

  for (const [type, value] of [
    ['freelancer', 'yes'],
    ['agency', 'no'],
    ['bpo', 'yes'],
  ] as const) {
    it(`${type}, answering ${value} throughout: each applicable item once, \`when\` only after a matching answer`, async () => {
      const h = harness([], { fallback: (s) => (s.message.startsWith('Pick an answer') ? ':finish' : s.kind === 'select' ? value : undefined) });
      const done = await runInterview(h.deps, start({}, {}, type), playbooks);
      const asked = h.questions().map((q) => {
        const entry = byQuestion.get(q);
        if (!entry) throw new Error(`asked something that is not an item: ${q}`);
        return entry;
      });

      const keys = asked.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      const expected = applicableEntries(entries, scopeOf({ engagement: { type } }), answerMap(done)).map((e) => e.key);
      expect([...keys].sort()).toEqual([...expected].sort());
      expect(keys.length).toBeGreaterThan(20);
      for (const e of asked) {
        const fits = e.item.applies_to ?? e.playbook.applies_to;
        if (fits) expect(fits).toContain(type);
        if (e.item.when) {
          const target = resolveWhenTarget(e.playbook.id, e.item.when.item);
          expect(keys.indexOf(target), `${e.key} asked before ${target}`).toBeLessThan(keys.indexOf(e.key));
          expect(e.item.when.is).toContain(value);
        }
      }
      // Items whose `when` wants another answer are never asked.
      const hidden = entries.filter((e) => e.item.when && !e.item.when.is.includes(value)).map((e) => e.key);
      for (const key of hidden) expect(keys).not.toContain(key);
      // Every answer was saved as it was given.
      expect(Object.keys(h.lastSave().answers ?? {}).sort()).toEqual([...expected].sort());
      // no prints the fix, yes does not
      expect(h.printed.some((l) => l.includes('To fix:'))).toBe(value === 'no');
      // Nothing printed is wider than 80 columns, and every question fits beside its "? " mark.
      for (const line of h.printed) expect(line.length, line).toBeLessThanOrEqual(80);
      for (const shown of h.asker.shown) {
        const [first = '', ...rest] = shown.message.split('\n');
        expect(first.length + 2, first).toBeLessThanOrEqual(80);
        for (const line of rest) expect(line.length, line).toBeLessThanOrEqual(80);
      }
    });
  }

  it('the bundled set has `when` items that depend on answers, so the checks above mean something', () => {
    const whens = entries.filter((e) => e.item.when);
    expect(whens.length).toBeGreaterThan(0);
    expect(whens.some((e) => e.item.when?.is.includes('yes') && !e.item.when.is.includes('no'))).toBe(true);
  });
});
