import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ANSWERS_FORMAT, type AnswerEntry, type AnswersFile, type Engagement } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { applicability, askingOrder, entriesOf, questionRange, scopeOf } from '../../src/assessment/applicability.js';
import { parseAnswers } from '../../src/assessment/load-answers.js';
import { assess, type Assessment } from '../../src/assessment/score.js';
import { linkClauses } from '../../src/playbook/clause-links.js';
import { parsePlaybook } from '../../src/playbook/load.js';
import { PLAYBOOK_FORMAT, type Item, type Playbook, type Stage } from '../../src/playbook/schema.js';
import { checklistOf, renderChecklist } from '../../src/report/checklist.js';
import { renderReport } from '../../src/report/readiness.js';
import { runInterview } from '../../src/ui/interview.js';
import { makeStyle } from '../../src/terminal/style.js';
import { ScriptedAsker, flat } from '../support/scripted-asker.js';
import { lintMarkdown } from '../support/markdownlint.js';

const NOW = new Date('2026-12-01T10:00:00Z');

function item(id: string, extra: Partial<Item> = {}): Item {
  return { id, question: `Is ${id} in place?`, why: `Without ${id}, trouble.`, fix: `Put ${id} in place.`, severity: 'major', ...extra };
}

function need(id: string, words: string, extra: Partial<Item> = {}): Item {
  return { id, question: `Does ${id} hold?`, why: `Decides the ${id} questions.`, need: words, ...extra };
}

function playbook(id: string, items: Item[], extra: Partial<Playbook> = {}): Playbook {
  return { format: PLAYBOOK_FORMAT, id, kind: 'skill', title: `Playbook ${id}`, version: '2.0.0', summary: `About ${id}.`, sections: [{ id: 'main', title: 'Main', items }], ...extra };
}

interface RunOptions {
  engagement?: Partial<Engagement>;
  stage?: Stage;
  quick?: boolean;
}

function run(playbooks: Playbook[], answers: Record<string, AnswerEntry>, options: RunOptions = {}): Assessment {
  return assess({
    playbooks,
    engagement: { vendor: 'Acme', type: 'agency', ...options.engagement },
    answers: answerMap({ answers }),
    now: NOW,
    stage: options.stage,
    quick: options.quick,
  });
}

const itemOf = (a: Assessment, key: string) => {
  const found = a.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

describe('severity by engagement type', () => {
  const pb = playbook('p', [item('credits', { severity: { default: 'major', bpo: 'critical', freelancer: 'minor' } }), item('fixed', { severity: { default: 'minor', bpo: 'critical' }, weight: 2 })]);

  it('resolves the level, and the default weight follows it unless `weight` is set', () => {
    for (const [type, level, weight] of [
      ['bpo', 'critical', 5],
      ['agency', 'major', 3],
      ['freelancer', 'minor', 1],
    ] as const) {
      const a = run([pb], {}, { engagement: { type } });
      expect(itemOf(a, 'p/credits')).toMatchObject({ severity: level, weight });
      expect(itemOf(a, 'p/fixed').weight).toBe(2);
    }
  });

  it('blocks only where the resolved level is critical', () => {
    expect(run([pb], { 'p/credits': 'no', 'p/fixed': 'yes' }, { engagement: { type: 'bpo' } })).toMatchObject({ verdict: { level: 'not-ready' }, blockers: ['p/credits'] });
    const agency = run([pb], { 'p/credits': 'no', 'p/fixed': 'yes' });
    expect(agency.blockers).toEqual([]);
    expect(agency.verdict.level).toBe('ready-with-gaps');
    expect(renderReport(run([pb], { 'p/credits': 'no' }, { engagement: { type: 'bpo' } }), { chart: false })).toContain('`p/credits`: critical, no');
  });
});

describe('regions', () => {
  const pb = playbook('p', [
    item('everywhere', { region_notes: { us: 'US-NOTE.', uk: { why: 'UK-WHY.', fix: 'UK-FIX.' }, eu: 'EU-NOTE.', other: 'Ask a local lawyer about OTHER-NOTE.' } }),
    item('gdpr-only', { client_regions: ['eu', 'uk'] }),
    item('transfer', { cross_border: true }),
  ]);

  it('limits items to client regions and to cross-border engagements, and asks them when a region is unknown', () => {
    const excluded = (engagement: Partial<Engagement>) => Object.fromEntries(run([pb], {}, { engagement }).items.map((i) => [i.id, i.excluded]));
    expect(excluded({})).toEqual({ everywhere: null, 'gdpr-only': null, transfer: null });
    expect(excluded({ client_region: 'us', vendor_region: 'us' })).toEqual({ everywhere: null, 'gdpr-only': 'region', transfer: 'region' });
    expect(excluded({ client_region: 'eu', vendor_region: 'other' })).toEqual({ everywhere: null, 'gdpr-only': null, transfer: null });
    expect(excluded({ client_region: 'uk' })).toEqual({ everywhere: null, 'gdpr-only': null, transfer: null });
  });

  it("shows only the client region's note when it is known, and every note, labelled, when it is not", () => {
    const known = run([pb], { 'p/everywhere': 'no' }, { engagement: { client_region: 'uk' } });
    expect(itemOf(known, 'p/everywhere').region_notes).toEqual([{ region: 'uk', why: 'UK-WHY.', fix: 'UK-FIX.' }]);
    const md = renderReport(known, { chart: false });
    expect(md).toContain('UK: UK-WHY.');
    expect(md).toContain('UK: UK-FIX.');
    expect(md).not.toMatch(/US-NOTE|EU-NOTE|OTHER-NOTE/);

    const unknown = renderReport(run([pb], { 'p/everywhere': 'no' }), { chart: false });
    for (const label of ['US: US-NOTE.', 'UK: UK-WHY.', 'UK: UK-FIX.', 'EU/EEA: EU-NOTE.', 'Elsewhere: Ask a local lawyer about OTHER-NOTE.']) expect(unknown).toContain(label);
    expect(unknown.replace(/\s+/g, ' ')).toContain('advice for every region is shown, each labelled');
    expect(lintMarkdown(unknown)).toEqual([]);
  });

  it('an answers file with a region that does not exist is an error at its position', () => {
    const text = `format: ${ANSWERS_FORMAT}\nengagement:\n  vendor: Acme\n  type: bpo\n  client_region: asia\n`;
    const { parsed, problems } = parseAnswers({ file: 'a.yaml', text });
    expect(parsed).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ line: 5, col: 18, message: expect.stringContaining('`client_region` must be one of us, uk, eu, other, not the text "asia"') })]);
  });
});

describe('signing and onboarding', () => {
  const pb = playbook('p', [item('brief', { severity: 'critical' }), item('access-register', { stage: 'onboarding', severity: 'critical', question: 'Is there an access register?' })]);

  it('before signing, onboarding items are neither asked nor scored, and the report lists them as tasks for after signing', () => {
    const a = run([pb], { 'p/brief': 'yes' });
    expect(itemOf(a, 'p/access-register').excluded).toBe('stage');
    expect(a.verdict.level).toBe('ready');
    expect(a.scores.overall.possible).toBe(5);
    const md = renderReport(a, { chart: false });
    expect(md).toContain('## After you sign');
    expect(md).toContain('Is there an access register?');
    expect(md).toContain('check --stage onboarding');
    expect(lintMarkdown(md)).toEqual([]);
  });

  it('an onboarding check asks only the onboarding items, and reports them under its own title', () => {
    const a = run([pb], {}, { stage: 'onboarding' });
    expect(a.stage).toBe('onboarding');
    expect(itemOf(a, 'p/brief').excluded).toBe('stage');
    expect(a.blockers).toEqual(['p/access-register']);
    const md = renderReport(a, { chart: false });
    expect(md.split('\n')[0]).toBe('# Onboarding check: Acme');
    expect(md).not.toContain('## After you sign');
  });
});

describe('need questions and the checklist', () => {
  const pbs = [
    playbook('legal', [
      need('personal-data', 'the vendor handles personal data'),
      item('dpa', {
        when: { item: 'personal-data', is: ['yes'] },
        clause: { id: 'data-protection', group: 'legal', text: 'Data-processing terms', position: 'Breach notice within 24 hours; deletion within 30 days.' },
      }),
      item('ip', { clause: { id: 'ip', group: 'legal', text: 'IP assignment', position: 'Assignment on payment, moral rights waived.' } }),
    ]),
    playbook('ops', [item('security', { clause: { id: 'data-protection' } }), item('ip-register', { clause: { id: 'ip' } })]),
  ];
  // Through the loader, as the registry links them: `ops` names the clauses `legal` defines.
  const loaded = pbs.map((p) => {
    const { parsed, problems } = parsePlaybook({ file: `${p.id}.yaml`, text: stringify(p) });
    expect(problems).toEqual([]);
    if (!parsed) throw new Error(`${p.id} did not load`);
    return parsed;
  });
  const linked = linkClauses(loaded).playbooks.map((p) => p.playbook);

  it('the loader finds every clause id defined exactly once', () => {
    const copy = parsePlaybook({ file: 'copy.yaml', text: stringify(pbs[0]) }).parsed;
    if (!copy) throw new Error('the copy did not load');
    const twice = linkClauses([...loaded, copy]).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(twice).toEqual([
      expect.stringMatching(/^copy\.yaml:\d+: clause `data-protection` is already defined at legal\.yaml:\d+:\d+/),
      expect.stringMatching(/^copy\.yaml:\d+: clause `ip` is already defined at legal\.yaml/),
    ]);
    const missing = linkClauses([loaded[1] as (typeof loaded)[number]]).problems.map((p) => p.message);
    expect(missing).toEqual([expect.stringContaining('no loaded playbook defines clause `data-protection`'), expect.stringContaining('no loaded playbook defines clause `ip`')]);
  });

  it('links clauses without parsing a file for positions when nothing is wrong', () => {
    // A cached playbook's YAML is parsed only to point at a problem: linking clean playbooks never asks for it.
    const untouched = loaded.map((p) => ({
      ...p,
      get yaml(): never {
        throw new Error(`${p.file}: positions asked for`);
      },
    }));
    const { playbooks, problems } = linkClauses(untouched);
    expect(problems).toEqual([]);
    expect(playbooks.map((p) => p.playbook)).toEqual(linked);
  });

  it('a need question is answered but never scored, and is not a readiness item', () => {
    const a = run(linked, { 'legal/personal-data': 'yes' });
    expect(a.items.map((i) => i.key)).not.toContain('legal/personal-data');
    expect(a.needs).toEqual([expect.objectContaining({ key: 'legal/personal-data', answer: 'yes', need: 'the vendor handles personal data' })]);
    expect(a.scores.overall.possible).toBe(4 * 3);
  });

  it('a blank checklist lists every clause once, the conditional ones with their condition in words', () => {
    const checklist = checklistOf(run(linked, {}), false);
    const lines = checklist.groups.flatMap((g) => g.lines);
    expect(lines.map((l) => l.id)).toEqual(['data-protection', 'ip']);
    // The clause is fed by a conditional item and by one asked anyway: it is open, not conditional.
    expect(lines[0]).toMatchObject({ status: 'open', position: 'Breach notice within 24 hours; deletion within 30 days.' });
    expect(lines[0]?.items.map((i) => i.key)).toEqual(['legal/dpa', 'ops/security']);

    const onlyNeed = checklistOf(run([linked[0] as Playbook], {}), false);
    const dp = onlyNeed.groups.flatMap((g) => g.lines).find((l) => l.id === 'data-protection');
    expect(dp).toMatchObject({ status: 'conditional', condition: 'the vendor handles personal data' });
    const md = renderChecklist(onlyNeed, { vendor: null, type: 'agency', date: '2026-12-01' });
    expect(md.replace(/\n\s*/g, ' ')).toContain('- [ ] Data-processing terms (only if the vendor handles personal data; from `legal/dpa`)');
    expect(md.replace(/\n\s*/g, ' ')).toContain('- Ask for: Breach notice within 24 hours; deletion within 30 days.');
    expect(lintMarkdown(md)).toEqual([]);
  });

  it('ticks a clause only when every applicable feeding item is yes, ignoring na; all na is "not needed"', () => {
    const status = (answers: Record<string, AnswerEntry>) => {
      const c = checklistOf(run(linked, { 'legal/personal-data': 'yes', ...answers }), true);
      return Object.fromEntries([...c.groups.flatMap((g) => g.lines), ...c.not_needed].map((l) => [l.id, l.status]));
    };
    expect(status({ 'legal/dpa': 'yes', 'ops/security': 'partly', 'legal/ip': 'yes', 'ops/ip-register': 'yes' })).toEqual({ 'data-protection': 'open', ip: 'done' });
    expect(status({ 'legal/dpa': 'yes', 'ops/security': 'na', 'legal/ip': 'na', 'ops/ip-register': 'na' })).toEqual({ 'data-protection': 'done', ip: 'not-needed' });
    const c = checklistOf(run([linked[0] as Playbook], { 'legal/personal-data': 'no' }), true);
    expect(c.not_needed.map((l) => l.id)).toEqual(['data-protection']);
    const md = renderChecklist(c, { vendor: 'Acme', type: 'agency', date: '2026-12-01' });
    expect(md).toContain('## Not needed for this engagement');
    expect(md.match(/Data-processing terms/g)).toHaveLength(1);
  });
});

describe('positions by engagement type', () => {
  it('a clause may ask a freelancer for other terms than an agency, with a default for the rest', () => {
    const pb = playbook('p', [
      item('exit', { clause: { id: 'termination', group: 'change-exit', text: 'Termination', position: { default: 'Ninety days for convenience.', freelancer: 'Seven to fourteen days for convenience.' } } }),
    ]);
    const position = (type: 'freelancer' | 'agency') => checklistOf(run([pb], {}, { engagement: { type } }), false).groups[0]?.lines[0]?.position;
    expect(position('freelancer')).toBe('Seven to fourteen days for convenience.');
    expect(position('agency')).toBe('Ninety days for convenience.');
  });
});

describe('quick mode', () => {
  const pb = playbook('p', [
    need('cards', 'the vendor takes card payments'),
    item('pci', { severity: { default: 'minor', bpo: 'critical' }, when: { item: 'cards', is: ['yes'] } }),
    item('brief', { severity: 'critical' }),
    item('brief-signed', { when: { item: 'brief', is: ['yes'] } }),
    item('nice-to-have', { severity: 'minor' }),
    item('major-one'),
  ]);

  it('keeps the critical items for the type, what they depend on, and the follow-ups they trigger', () => {
    const kept = (type: 'bpo' | 'agency') => {
      const entries = entriesOf([pb]);
      const decided = applicability(entries, scopeOf({ engagement: { type }, quick: true }), answerMap({ answers: { 'p/cards': 'yes', 'p/brief': 'yes' } }));
      return entries.filter((e) => decided.get(e.key) === null).map((e) => e.item.id);
    };
    expect(kept('bpo')).toEqual(['cards', 'pci', 'brief', 'brief-signed']);
    expect(kept('agency')).toEqual(['brief', 'brief-signed']);
    const a = run([pb], { 'p/brief': 'yes', 'p/brief-signed': 'yes' }, { quick: true });
    expect(a.quick).toBe(true);
    // Every critical item in place, but the rest was never asked: a quick check does not say ready.
    expect(a.verdict).toEqual({ level: 'ready-with-gaps', reasons: ['this was the quick check: only the critical items were asked; run the full check before you sign'] });
    expect(run([pb], { 'p/brief': 'no' }, { quick: true }).verdict.level).toBe('not-ready');
    expect(itemOf(a, 'p/nice-to-have').excluded).toBe('quick');
    expect(a.needs[0]?.excluded).toBe('quick');
  });
});

describe('the order and the length of the interview', () => {
  const first = playbook('first', [item('a'), item('follow', { when: { item: 'second/trigger', is: ['yes'] } }), item('b')]);
  const second = playbook('second', [item('trigger'), item('c')]);

  it('asks a follow-up right after the item it depends on, even from another playbook', () => {
    expect(askingOrder(entriesOf([first, second])).map((e) => e.key)).toEqual(['first/a', 'first/b', 'second/trigger', 'first/follow', 'second/c']);
  });

  it('counts certain and possible questions', () => {
    const entries = entriesOf([first, second]);
    expect(questionRange(entries, scopeOf({ engagement: { type: 'agency' } }), new Map())).toEqual({ certain: 4, possible: 1 });
  });

  it('announces the range, and the counter never goes back or past its total as a follow-up is added', async () => {
    const printed: string[] = [];
    const asker = new ScriptedAsker([], { fallback: (s) => (s.message.startsWith('Pick an answer') ? ':finish' : s.kind === 'select' ? 'yes' : '') });
    const start: AnswersFile = { format: ANSWERS_FORMAT, engagement: { vendor: 'Acme', type: 'agency' }, answers: {} };
    await runInterview(
      { asker, print: (t) => printed.push(t), style: makeStyle(false), width: 80, now: () => NOW, save: () => undefined, sessionFile: '/tmp/s.yaml' },
      start,
      [first, second],
    );
    expect(printed).toContain('4–5 questions, about 2 minutes (some answers add a follow-up).');
    const counters = printed.flatMap((l) => {
      const m = /^\[(\d+)\/(\d+)\]/.exec(l);
      return m ? [[Number(m[1]), Number(m[2])] as const] : [];
    });
    expect(counters).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 5],
      [5, 5],
    ]);
    expect(asker.shown.filter((s) => s.kind === 'select' && !s.message.startsWith('Pick')).map((s) => flat(s.message))).toEqual(['Is a in place?', 'Is b in place?', 'Is trigger in place?', 'Is follow in place?', 'Is c in place?']);
  });
});

describe('loading format 2', () => {
  const wrap = (items: string) => `format: ${PLAYBOOK_FORMAT}\nid: p\nkind: custom\ntitle: P\nversion: 2.0.0\nsummary: S.\nsections:\n  - id: s\n    title: S\n    items:\n${items}`;
  const parse = (items: string) =>
    parsePlaybook({ file: 'p.yaml', text: wrap(items) })
      .problems.sort((a, b) => a.line - b.line || a.col - b.col)
      .map((p) => `${p.line}:${p.col}: ${p.message}`);

  it('accepts every new field', () => {
    const text = [
      '      - id: data',
      '        question: Personal data?',
      '        why: W.',
      '        need: the vendor handles personal data',
      '      - id: dpa',
      '        question: DPA?',
      '        why: W.',
      '        fix: F.',
      '        severity: { default: major, bpo: critical }',
      '        client_regions: [eu, uk]',
      '        cross_border: true',
      '        when: { item: data, is: [yes] }',
      '        region_notes: { eu: "GDPR Art. 28.", uk: { why: W, fix: F } }',
      '        legal: true',
      '        sources: ["GDPR Art. 28(3)", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"]',
      '        clause: { id: data-protection, group: legal, text: DPA, position: { default: 24 h breach notice, freelancer: 48 h } }',
      '      - id: register',
      '        question: Register?',
      '        why: W.',
      '        fix: F.',
      '        severity: minor',
      '        stage: onboarding',
      '',
    ].join('\n');
    expect(parse(text)).toEqual([]);
  });

  it('says what is wrong with each misuse, where it is', () => {
    const text = [
      '      - id: data',
      '        question: Personal data?',
      '        why: W.',
      '        need: the vendor handles personal data',
      '        severity: major',
      '      - id: bare',
      '        question: Q?',
      '        why: W.',
      '      - id: half',
      '        question: Q?',
      '        why: W.',
      '        fix: F.',
      '        severity: { default: major, bpo: critcal }',
      '        client_regions: [asia]',
      '        clause: { id: x, group: legal }',
      '      - id: late',
      '        question: Q?',
      '        why: W.',
      '        fix: F.',
      '        severity: minor',
      '        stage: onboarding',
      '        legal: true',
      '        clause: { id: y, group: legal, text: T }',
      '',
    ].join('\n');
    expect(parse(text)).toEqual([
      '15:9: a need question (`need`) is not scored and puts nothing on the checklist: remove `severity`',
      '16:9: missing required field `severity` (only a need question, with `need`, goes without one)',
      '16:9: missing required field `fix` (only a need question, with `need`, goes without one)',
      '23:42: `bpo` must be one of critical, major, minor, not the text "critcal" (did you mean `critical`?)',
      '24:26: entry 1 of `client_regions` must be one of us, uk, eu, other, not the text "asia"',
      '25:9: a clause is either defined in full (`id`, `group`, `text`, `position`) or named by its `id` alone',
      '32:9: a legal item needs `sources` that cite the law itself (such as "GDPR Art. 28(3)")',
      '33:9: an onboarding item comes after signing, so it cannot put a clause in the contract: remove `clause` or `stage`',
    ]);
  });
});
