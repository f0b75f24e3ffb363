import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { assess, type Assessment } from '../../src/assessment/score.js';
import { modeOf, sharedKeys, timeline, vendorMatrix, type MatrixRow, type VendorMatrix } from '../../src/compare/compare.js';
import { snapshotOf, type Snapshot, type SnapshotItem } from '../../src/compare/snapshot.js';
import { PLAYBOOK_FORMAT, type EngagementType, type Item, type Playbook, type Severity } from '../../src/playbook/schema.js';
import { renderMatrix, renderTimeline } from '../../src/report/comparison.js';

// Snapshots are built from `assess` on small playbooks written here as objects, so every
// score, blocker and verdict a test expects follows from answers it can see.

function item(id: string, severity: Severity, extra: Partial<Omit<Item, 'id' | 'severity'>> = {}): Item {
  return { id, question: `Is ${id} in place?`, why: `Without ${id}, trouble.`, fix: `Put ${id} in place.`, severity, ...extra };
}

/**
 * For a freelancer: brief (critical 5), owner (critical 5), sla (major 3), credits (major 3,
 * only when sla is yes or partly), last (minor 1). `agency-only` is critical but never
 * applies to a freelancer.
 */
function opsPlaybook(version = '1.0.0', extra: Item[] = []): Playbook {
  return {
    format: PLAYBOOK_FORMAT,
    id: 'ops',
    kind: 'focus-area',
    title: 'Operations',
    version,
    summary: 'Running the service.',
    sections: [
      {
        id: 'main',
        title: 'Main',
        items: [
          item('brief', 'critical'),
          item('owner', 'critical'),
          item('agency-only', 'critical', { applies_to: ['agency'] }),
          item('sla', 'major'),
          item('credits', 'major', { when: { item: 'sla', is: ['yes', 'partly'] } }),
          item('last', 'minor'),
          ...extra,
        ],
      },
    ],
  };
}

/** nda (critical 5), ip (major 3), insurance (major 3). */
const LEGAL: Playbook = {
  format: PLAYBOOK_FORMAT,
  id: 'legal',
  kind: 'skill',
  title: 'Legal',
  version: '1.0.0',
  summary: 'The contract.',
  sections: [{ id: 'main', title: 'Main', items: [item('nda', 'critical'), item('ip', 'major'), item('insurance', 'major')] }],
};

const NOW = new Date('2026-11-28T10:00:00Z');

function assessed(vendor: string, answers: Record<string, AnswerEntry>, options: { type?: EngagementType; playbooks?: Playbook[] } = {}): Assessment {
  return assess({ playbooks: options.playbooks ?? [opsPlaybook(), LEGAL], engagement: { vendor, type: options.type ?? 'freelancer' }, answers: answerMap({ answers }), now: NOW });
}

function snap(file: string, vendor: string, date: string, answers: Record<string, AnswerEntry>, options: { type?: EngagementType; playbooks?: Playbook[] } = {}): Snapshot {
  return snapshotOf(file, assessed(vendor, answers, options), date);
}

const ALL_YES: Record<string, AnswerEntry> = {
  'ops/brief': 'yes',
  'ops/owner': 'yes',
  'ops/sla': 'yes',
  'ops/credits': 'yes',
  'ops/last': 'yes',
  'legal/nda': 'yes',
  'legal/ip': 'yes',
  'legal/insurance': 'yes',
};

/**
 * Acme: a blocker (nda no) but the best score, 23/28 = 82.1.
 * Bolt: no blocker, ip and insurance no: ops 100, legal 45.5 (shown 46), overall 22/28 = 78.6.
 * Cora: no blocker, sla and insurance no (credits not asked): ops 78.6, legal 72.7, overall 19/25 = 76.
 */
const ACME = snap('acme.yaml', 'Acme', '2026-11-01T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no' });
const BOLT = snap('bolt.yaml', 'Bolt', '2026-11-02T10:00:00Z', { ...ALL_YES, 'legal/ip': 'no', 'legal/insurance': 'no' });
const CORA = snap('cora.yaml', 'Cora', '2026-11-03T10:00:00Z', { ...ALL_YES, 'ops/sla': 'no', 'ops/credits': null, 'legal/insurance': 'no' });

function row(m: VendorMatrix, label: string): MatrixRow {
  const found = m.rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}: ${m.rows.map((r) => r.label).join(', ')}`);
  return found;
}

/** A snapshot written out by hand, for the cases `assess` cannot produce. */
function handmade(file: string, vendor: string, fields: Partial<Omit<Snapshot, 'file' | 'vendor' | 'items'>> & { items?: SnapshotItem[] } = {}): Snapshot {
  const items = fields.items ?? [];
  return {
    file,
    vendor,
    type: fields.type ?? 'freelancer',
    date: fields.date ?? '2026-11-01T10:00:00Z',
    verdict: fields.verdict ?? 'ready',
    overall: fields.overall === undefined ? 90 : fields.overall,
    threshold: 80,
    playbooks: fields.playbooks ?? [{ id: 'ops', title: 'Operations', kind: 'focus-area', version: '1.0.0', percent: fields.overall === undefined ? 90 : fields.overall }],
    items: new Map(items.map((i) => [i.key, i])),
    blockers: fields.blockers ?? new Set(),
  };
}

function lintMd(markdown: string): string {
  return lint({ strings: { comparison: markdown } }).toString();
}

/** Wrapped lines joined, so assertions do not depend on where a sentence breaks. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the test data is what the comments say', () => {
  it('scores and blockers', () => {
    expect([ACME.overall, BOLT.overall, CORA.overall]).toEqual([82.1, 78.6, 76]);
    expect([...ACME.blockers]).toEqual(['legal/nda']);
    expect(BOLT.blockers.size + CORA.blockers.size).toBe(0);
  });
});

describe('modeOf', () => {
  it('one vendor at several dates is a timeline, whatever the case and spacing of the name', () => {
    const a = handmade('a.yaml', 'Acme Ltd');
    const b = handmade('b.yaml', '  ACME ltd ');
    const c = handmade('c.yaml', 'acme LTD');
    expect(modeOf([a, b, c])).toBe('timeline');
  });

  it('different vendors are a choice between vendors', () => {
    expect(modeOf([handmade('a.yaml', 'Acme Ltd'), handmade('b.yaml', 'Acme Ltd'), handmade('c.yaml', 'Bolt Ltd')])).toBe('vendors');
    // Spaces inside the name are part of it.
    expect(modeOf([handmade('a.yaml', 'Acme Ltd'), handmade('b.yaml', 'AcmeLtd')])).toBe('vendors');
  });
});

describe('vendorMatrix: ranking', () => {
  it('puts the vendor with a blocker last even though it has the highest score', () => {
    const m = vendorMatrix([ACME, BOLT, CORA]);
    // Bolt 78.6, Cora 76, then Acme 82.1 with its blocker.
    expect(m.ranking).toEqual([1, 2, 0]);
    expect(m.columns.map((c) => c.blockers)).toEqual([1, 0, 0]);
    expect(m.columns.map((c) => c.vendor)).toEqual(['Acme', 'Bolt', 'Cora']);
  });

  it('orders vendors in the same blocker state by score, whatever order the files came in', () => {
    expect(vendorMatrix([CORA, BOLT]).ranking).toEqual([1, 0]);
    expect(vendorMatrix([BOLT, CORA]).ranking).toEqual([0, 1]);
    // Two vendors with blockers: the higher score first.
    const worse = snap('dent.yaml', 'Dent', '2026-11-04T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no', 'legal/ip': 'no' });
    expect(vendorMatrix([worse, ACME]).ranking).toEqual([1, 0]);
    expect(vendorMatrix([ACME, worse, CORA]).ranking).toEqual([2, 0, 1]);
  });
});

describe('vendorMatrix: rows and best values', () => {
  const m = vendorMatrix([ACME, BOLT, CORA]);

  it('has the verdict, the overall score, one row per area and one per applicable critical item, in that order', () => {
    expect(m.rows.map((r) => [r.kind, r.label])).toEqual([
      ['verdict', 'Verdict'],
      ['overall', 'Overall'],
      ['area', 'Operations'],
      ['area', 'Legal'],
      ['critical', 'ops/brief'],
      ['critical', 'ops/owner'],
      ['critical', 'legal/nda'],
    ]);
    // Critical but never applicable to these freelancers: no row.
    expect(m.rows.map((r) => r.label)).not.toContain('ops/agency-only');
  });

  it('holds the values of each vendor, in file order', () => {
    expect(row(m, 'Verdict').values).toEqual(['not-ready', 'ready-with-gaps', 'ready-with-gaps']);
    expect(row(m, 'Overall').values).toEqual(['82', '79', '76']);
    expect(row(m, 'Operations').values).toEqual(['100', '100', '79']);
    expect(row(m, 'Legal').values).toEqual(['55', '46', '73']);
    expect(row(m, 'legal/nda').values).toEqual(['no', 'yes', 'yes']);
  });

  it('marks the best value of each row, ties included', () => {
    expect(row(m, 'Verdict').best).toEqual([1, 2]);
    expect(row(m, 'Overall').best).toEqual([0]);
    expect(row(m, 'Operations').best).toEqual([0, 1]);
    expect(row(m, 'Legal').best).toEqual([2]);
    expect(row(m, 'legal/nda').best).toEqual([1, 2]);
  });

  it('marks nothing in a row where every vendor has the same value', () => {
    expect(row(m, 'ops/brief').values).toEqual(['yes', 'yes', 'yes']);
    expect(row(m, 'ops/brief').best).toEqual([]);
    expect(row(m, 'ops/owner').best).toEqual([]);
  });

  it('marks nothing in a row where only one vendor has a value', () => {
    const a = handmade('a.yaml', 'Acme', { overall: 70, playbooks: [{ id: 'ops', title: 'Operations', kind: 'focus-area', version: '1.0.0', percent: 70 }, { id: 'extra', title: 'Extra', kind: 'custom', version: '1.0.0', percent: 40 }] });
    const b = handmade('b.yaml', 'Bolt', { overall: 90 });
    const extra = row(vendorMatrix([a, b]), 'Extra');
    expect(extra.values).toEqual(['40', null]);
    expect(extra.best).toEqual([]);
    expect(row(vendorMatrix([a, b]), 'Overall').best).toEqual([1]);
  });

  it('shows an open critical item as open, and ranks it below partly', () => {
    const open = snap('open.yaml', 'Open Co', '2026-11-05T10:00:00Z', { ...ALL_YES, 'ops/owner': null });
    const partly = snap('partly.yaml', 'Partly Co', '2026-11-05T10:00:00Z', { ...ALL_YES, 'ops/owner': 'partly' });
    const owner = row(vendorMatrix([open, partly]), 'ops/owner');
    expect(owner.values).toEqual(['open', 'partly']);
    expect(owner.best).toEqual([1]);
  });
});

describe('vendorMatrix: what separates the top two', () => {
  it('names both vendors, the points and the area that leads, when neither has a blocker', () => {
    const m = vendorMatrix([ACME, BOLT, CORA]);
    // Bolt 78.6 vs Cora 76: 3 points; Operations 100 vs 78.6 is the lead (+21), Legal goes the other way.
    expect(m.separation).toBe('Bolt ranks above Cora: Bolt scores 3 points higher overall, most of it in Operations (+21).');
  });

  it('says a blocker outweighs a higher score', () => {
    const m = vendorMatrix([ACME, CORA]);
    expect(m.ranking).toEqual([1, 0]);
    expect(m.separation).toBe('Cora ranks above Acme: Acme has 1 blocker (legal/nda) and Cora has none; that outweighs the 6 points by which Acme scores higher overall.');
  });

  it('gives both reasons when the vendor without blockers also scores higher', () => {
    const blocked = snap('dent.yaml', 'Dent', '2026-11-04T10:00:00Z', { ...ALL_YES, 'ops/brief': 'no', 'ops/owner': 'no' });
    const m = vendorMatrix([blocked, BOLT]);
    expect(m.ranking).toEqual([1, 0]);
    // Dent: ops 7/17 = 41.2, overall 18/28 = 64.3; Bolt: ops 100, overall 78.6. The points are those
    // of the scores as shown (64 and 79), so the sentence agrees with the legend.
    expect(m.separation).toBe('Bolt ranks above Dent: Dent has 2 blockers (ops/brief, ops/owner) and Bolt has none; Bolt scores 15 points higher overall, most of it in Operations (+59).');
  });

  it('breaks a tie in score with the verdict, and says so rather than "level"', () => {
    // Both 25.5/28 = 91.1 with no blocker; Gappy has a critical item only partly in place.
    const gappy = snap('gappy.yaml', 'Gappy', '2026-11-04T10:00:00Z', { ...ALL_YES, 'ops/brief': 'partly' });
    const tidy = snap('tidy.yaml', 'Tidy', '2026-11-04T10:00:00Z', { ...ALL_YES, 'legal/ip': 'partly', 'ops/last': 'no' });
    expect([gappy.overall, gappy.verdict, tidy.overall, tidy.verdict]).toEqual([91.1, 'ready-with-gaps', 91.1, 'ready']);
    const m = vendorMatrix([gappy, tidy]);
    expect(m.ranking).toEqual([1, 0]);
    expect(m.separation).toBe("Tidy ranks above Gappy: the scores are level, but Tidy's verdict is ready and Gappy's is ready with gaps.");
  });

  it('breaks a tie in score between vendors with blockers by the number of blockers', () => {
    const one = handmade('one.yaml', 'One', { overall: 60, verdict: 'not-ready', blockers: new Set(['ops/brief']) });
    const two = handmade('two.yaml', 'Two', { overall: 60, verdict: 'not-ready', blockers: new Set(['ops/brief', 'ops/owner']) });
    const m = vendorMatrix([two, one]);
    expect(m.ranking).toEqual([1, 0]);
    expect(m.separation).toBe('One ranks above Two: the scores are level, but Two has 2 blockers to 1 for One.');
  });

  it('says when the top two are level, and has nothing to say about a single vendor', () => {
    const twin = snap('twin.yaml', 'Twin', '2026-11-04T10:00:00Z', { ...ALL_YES, 'legal/ip': 'no', 'legal/insurance': 'no' });
    expect(vendorMatrix([BOLT, twin]).separation).toBe('Bolt and Twin are level: same verdict, same score.');
    expect(vendorMatrix([BOLT]).separation).toBeNull();
  });
});

describe('timeline: one vendor over time', () => {
  /**
   * Before: nda no (blocker), sla no (credits not asked), ip no, last partly.
   * After: nda yes (resolved), owner no (new blocker), sla yes, credits partly (now asked),
   * ip yes, last no.
   */
  const before = snap('before.yaml', 'Acme', '2026-03-01T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no', 'ops/sla': 'no', 'ops/credits': null, 'legal/ip': 'no', 'ops/last': 'partly' });
  const after = snap('after.yaml', 'acme', '2026-09-01T10:00:00Z', { ...ALL_YES, 'ops/owner': 'no', 'ops/credits': 'partly', 'ops/last': 'no' });
  const t = timeline([after, before]);

  it('orders the assessments by date, whatever order they were given in', () => {
    expect(t.points.map((p) => [p.date, p.file])).toEqual([
      ['2026-03-01', 'before.yaml'],
      ['2026-09-01', 'after.yaml'],
    ]);
    expect(t.vendor).toBe('acme');
  });

  it('lists the blockers resolved and the blockers new', () => {
    expect(t.blockersResolved).toEqual(['legal/nda']);
    expect(t.blockersNew).toEqual(['ops/owner']);
  });

  it('lists items that got better and worse, with where they came from and went to', () => {
    expect(t.better.map((c) => [c.key, c.from, c.to])).toEqual([
      ['ops/sla', 'no', 'yes'],
      ['legal/nda', 'no', 'yes'],
      ['legal/ip', 'no', 'yes'],
    ]);
    expect(t.worse.map((c) => [c.key, c.from, c.to])).toEqual([
      ['ops/owner', 'yes', 'no'],
      ['ops/last', 'partly', 'no'],
    ]);
    expect(t.worse[0]).toMatchObject({ severity: 'critical', question: 'Is owner in place?' });
  });

  it('lists an item that became applicable because its `when` now holds, and not as better or worse', () => {
    expect(t.nowApplicable.map((c) => [c.key, c.from, c.to])).toEqual([['ops/credits', 'not asked', 'partly']]);
    expect(t.noLongerApplicable).toEqual([]);
    expect([...t.better, ...t.worse].map((c) => c.key)).not.toContain('ops/credits');
  });

  it('lists an item that became applicable because the engagement type changed', () => {
    const asFreelancer = snap('f.yaml', 'Acme', '2026-03-01T10:00:00Z', ALL_YES);
    const asAgency = snap('g.yaml', 'Acme', '2026-04-01T10:00:00Z', { ...ALL_YES, 'ops/agency-only': 'yes' }, { type: 'agency' });
    const changed = timeline([asFreelancer, asAgency]);
    expect(changed.nowApplicable.map((c) => [c.key, c.from, c.to])).toEqual([['ops/agency-only', 'not asked', 'yes']]);
    const back = timeline([asAgency, { ...asFreelancer, date: '2026-05-01T10:00:00Z' }]);
    expect(back.noLongerApplicable.map((c) => [c.key, c.from, c.to])).toEqual([['ops/agency-only', 'yes', 'not asked']]);
  });

  it('gives the score of every area at every date, and the change from first to last', () => {
    const a = assessed('Acme', { ...ALL_YES, 'legal/nda': 'no', 'ops/sla': 'no', 'ops/credits': null, 'legal/ip': 'no', 'ops/last': 'partly' });
    const b = assessed('Acme', { ...ALL_YES, 'ops/owner': 'no', 'ops/credits': 'partly', 'ops/last': 'no' });
    const pct = (x: Assessment, id: string) => x.playbooks.find((p) => p.id === id)?.score.percent ?? null;
    // ops: 10.5/14 = 75 → 9.5/17 = 55.9; legal: 3/11 = 27.3 → 11/11 = 100.
    expect(t.areas).toEqual([
      { id: 'ops', title: 'Operations', scores: [pct(a, 'ops'), pct(b, 'ops')], delta: -19.1 },
      { id: 'legal', title: 'Legal', scores: [pct(a, 'legal'), pct(b, 'legal')], delta: 72.7 },
    ]);
    expect(t.areas[0]?.scores).toEqual([75, 55.9]);
    expect(t.overallDelta).toBe(Math.round(((b.scores.overall.percent ?? 0) - (a.scores.overall.percent ?? 0)) * 10) / 10);
    expect(t.versionChanges).toEqual([]);
    expect(t.notCompared).toEqual([]);
  });

  it('keeps every date in between in the scores', () => {
    const middle = snap('middle.yaml', 'ACME', '2026-06-01T10:00:00Z', ALL_YES);
    const three = timeline([after, middle, before]);
    expect(three.points.map((p) => p.file)).toEqual(['before.yaml', 'middle.yaml', 'after.yaml']);
    expect(three.areas.find((a) => a.id === 'ops')?.scores).toEqual([75, 100, 55.9]);
    // Changes are first against last: the middle one does not count.
    expect(three.blockersResolved).toEqual(['legal/nda']);
  });

  it('tells two assessments on one day apart by the time', () => {
    const morning = snap('m.yaml', 'Acme', '2026-03-01T09:15:00Z', ALL_YES);
    const evening = snap('e.yaml', 'Acme', '2026-03-01T18:40:00Z', ALL_YES);
    expect(timeline([evening, morning]).points.map((p) => p.date)).toEqual(['2026-03-01 09:15', '2026-03-01 18:40']);
  });
});

describe('comparing across two playbook versions', () => {
  // 1.1.0 drops `retired` and adds `added`; everything else is the same.
  const v1 = opsPlaybook('1.0.0', [item('retired', 'major')]);
  const v2 = opsPlaybook('1.1.0', [item('added', 'major')]);
  const first = snap('v1.json', 'Acme', '2026-03-01T10:00:00Z', { ...ALL_YES, 'ops/retired': 'no', 'ops/last': 'no' }, { playbooks: [v1, LEGAL] });
  const last = snap('v2.json', 'Acme', '2026-09-01T10:00:00Z', { ...ALL_YES, 'ops/added': 'yes' }, { playbooks: [v2, LEGAL] });

  it('sharedKeys names the file each unshared item is missing from', () => {
    const { shared, notShared } = sharedKeys([first, last]);
    expect(shared).not.toContain('ops/retired');
    expect(shared).toContain('ops/last');
    expect(notShared).toEqual([
      { key: 'ops/retired', missingFrom: ['v2.json'] },
      { key: 'ops/added', missingFrom: ['v1.json'] },
    ]);
  });

  it('timeline: unshared items are not compared, not better or worse, and the version change is listed', () => {
    const t = timeline([first, last]);
    expect(t.notCompared).toEqual([
      { key: 'ops/retired', missingFrom: ['v2.json'] },
      { key: 'ops/added', missingFrom: ['v1.json'] },
    ]);
    const changed = [...t.better, ...t.worse, ...t.nowApplicable, ...t.noLongerApplicable].map((c) => c.key);
    expect(changed).toEqual(['ops/last']);
    expect(t.versionChanges).toEqual([{ id: 'ops', from: '1.0.0', to: '1.1.0' }]);
    const md = flat(renderTimeline(t));
    expect(md).toContain('## Playbook versions - `ops`: 1.0.0 → 1.1.0');
    expect(md).toContain('## Not compared');
    expect(md).toContain('- `ops/retired`: missing from v2.json');
    expect(md).toContain('- `ops/added`: missing from v1.json');
  });

  it('timeline: a blocker on an item the new version dropped is not "resolved", and one on an item it added is not "new"', () => {
    const withBlocker = opsPlaybook('1.0.0', [item('retired', 'critical')]);
    const withNew = opsPlaybook('1.1.0', [item('added', 'critical')]);
    const a = snap('v1.json', 'Acme', '2026-03-01T10:00:00Z', { ...ALL_YES, 'ops/retired': 'no', 'legal/nda': 'no' }, { playbooks: [withBlocker, LEGAL] });
    const b = snap('v2.json', 'Acme', '2026-09-01T10:00:00Z', { ...ALL_YES, 'ops/added': null }, { playbooks: [withNew, LEGAL] });
    const t = timeline([a, b]);
    expect(t.blockersResolved).toEqual(['legal/nda']);
    expect(t.blockersNew).toEqual([]);
    expect(t.notCompared.map((n) => n.key)).toEqual(['ops/retired', 'ops/added']);
  });

  it('vendorMatrix: unshared items get no row and are listed as not compared', () => {
    const other = snap('bolt.json', 'Bolt', '2026-09-01T10:00:00Z', { ...ALL_YES, 'ops/added': 'no' }, { playbooks: [opsPlaybook('1.1.0', [item('added', 'critical')]), LEGAL] });
    const m = vendorMatrix([first, other]);
    expect(m.rows.map((r) => r.label)).not.toContain('ops/added');
    expect(m.notCompared).toEqual([
      { key: 'ops/retired', missingFrom: ['bolt.json'] },
      { key: 'ops/added', missingFrom: ['v1.json'] },
    ]);
    expect(flat(renderMatrix(m, '2026-11-28'))).toContain('- `ops/added`: missing from v1.json');
  });
});

describe('renderMatrix', () => {
  it('ranks the legend, marks the best values and passes markdownlint', () => {
    const md = renderMatrix(vendorMatrix([ACME, BOLT, CORA]), '2026-11-28');
    expect(lintMd(md)).toBe('');
    const text = flat(md);
    expect(text).toContain('1. V2: **Bolt** (freelancer, assessed 2026-11-02): gaps, score 79, 0 blockers 2. V3: **Cora**');
    expect(text).toContain('3. V1: **Acme** (freelancer, assessed 2026-11-01): not ready, score 82, 1 blocker ');
    expect(md).toContain('| **Overall** | **82** ★ | 79 | 76 |');
    expect(md).toContain('| `legal/nda` | no | **yes** ★ | **yes** ★ |');
    expect(md).toContain('| `ops/brief` | yes | yes | yes |');
    expect(text).toContain('Bolt ranks above Cora');
  });

  const NASTY = [
    'Pipe | Co | Ltd',
    '<script>alert(1)</script>',
    '`rm -rf /` & Sons',
    `Very ${'long '.repeat(36)}name`,
    '**Bold** _under_ [link](http://x) #1',
    '1. Numbered',
  ];

  it('passes markdownlint with nasty vendor names and six vendors in a wide table', () => {
    const snapshots = NASTY.map((vendor, i) => snap(`v${i}.yaml`, vendor, `2026-11-0${i + 1}T10:00:00Z`, { ...ALL_YES, ...(i % 2 ? { 'legal/nda': 'no' } : {}), ...(i === 2 ? { 'ops/owner': null } : {}) }));
    const m = vendorMatrix(snapshots);
    const md = renderMatrix(m, '2026-11-28');
    expect(lintMd(md)).toBe('');
    // The table does not fit 80 columns, so the line-length rule is off around it alone.
    expect(md).toMatch(/<!-- markdownlint-disable MD013 -->\n\| Row \| V1 \| V2 \| V3 \| V4 \| V5 \| V6 \|/);
    expect(md.split('\n').some((l) => l.length > 80)).toBe(true);
    // Names are text, never markup.
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('Pipe \\| Co \\| Ltd');
  });

  it('passes markdownlint with nasty names in the separation sentence', () => {
    for (const [i, vendor] of NASTY.entries()) {
      const blocked = snap('b.yaml', vendor, '2026-11-01T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no' });
      const clean = snap('c.yaml', `${NASTY[(i + 1) % NASTY.length]}`, '2026-11-02T10:00:00Z', { ...ALL_YES, 'ops/last': 'no' });
      const md = renderMatrix(vendorMatrix([blocked, clean]), '2026-11-28');
      expect(lintMd(md), vendor).toBe('');
    }
  });
});

describe('renderTimeline', () => {
  const before = snap('before.yaml', 'Acme', '2026-03-01T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no', 'ops/sla': 'no', 'ops/credits': null });
  const after = snap('after.yaml', 'Acme', '2026-09-01T10:00:00Z', { ...ALL_YES, 'ops/owner': 'no' });

  it('shows the scores at each date, resolved and new blockers and the changed items, and passes markdownlint', () => {
    const md = renderTimeline(timeline([before, after]));
    expect(lintMd(md)).toBe('');
    expect(md).toMatch(/^# Changes over time: Acme\n/);
    expect(md).toContain('| Area | 2026-03-01 | 2026-09-01 | Change |');
    expect(md).toContain('- Resolved: `legal/nda`');
    expect(md).toContain('- New: `ops/owner`');
    expect(md).toContain('## Better');
    expect(md).toContain('## Worse');
    expect(md).toContain('## Now applicable');
    expect(flat(md)).toContain('`ops/owner` (critical): yes → no. Is owner in place?');
  });

  it('says when the blockers did not change', () => {
    const md = renderTimeline(timeline([snap('a.yaml', 'Acme', '2026-03-01T10:00:00Z', ALL_YES), snap('b.yaml', 'Acme', '2026-04-01T10:00:00Z', ALL_YES)]));
    expect(md).toContain('No change in blockers.');
    expect(md).not.toContain('## Better');
  });

  it('passes markdownlint with nasty vendor names, and with many dates in a wide table', () => {
    const NAMES = ['Pipe | Co', '<script>x</script>', '`tick` Ltd.', `Long ${'name '.repeat(60)}end`, '# Not a heading', '- not a list'];
    for (const vendor of NAMES) {
      const md = renderTimeline(timeline([snap('a.yaml', vendor, '2026-03-01T10:00:00Z', { ...ALL_YES, 'legal/nda': 'no' }), snap('b.yaml', vendor, '2026-04-01T10:00:00Z', { ...ALL_YES, 'ops/last': 'no' })]));
      expect(lintMd(md), vendor).toBe('');
      expect(md.split('\n')[0]?.length).toBeLessThanOrEqual(80);
    }
    const dates = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m, i) => snap(`s${i}.yaml`, 'Acme', `2026-${m}-01T10:00:00Z`, i % 2 ? ALL_YES : { ...ALL_YES, 'ops/sla': 'partly' }));
    const wide = renderTimeline(timeline(dates));
    expect(lintMd(wide)).toBe('');
    expect(wide).toContain('<!-- markdownlint-disable MD013 -->');
  });
});
