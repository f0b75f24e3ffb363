import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerMap } from '../../src/assessment/answers.js';
import { entriesOf, fitsRegions, fitsType, isNeed, questionRange, stageOf, type CheckScope, type Entry } from '../../src/assessment/applicability.js';
import { assess } from '../../src/assessment/score.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { REGIONS, resolveSeverity, resolveWhenTarget, type EngagementType, type Region } from '../../src/playbook/schema.js';
import { checklistOf, type ChecklistLine } from '../../src/report/checklist.js';

/*
 * Issue 9 holds the bundled content to numbers a founder can finish and a
 * lawyer can work from. Every count here is computed by the engine from the
 * bundled playbooks (what the interview asks, what the checklist prints), so
 * an edit that adds a question or a clause line fails here, whatever its id.
 */
const registry = loadRegistry({ bundledDir: path.resolve(import.meta.dirname, '../../playbooks'), custom: [] });
const playbooks = registry.playbooks.map((p) => p.playbook);
const entries = entriesOf(playbooks);
const NOW = new Date('2026-12-01T12:00:00Z');
const TYPES = ['freelancer', 'agency', 'bpo'] as const satisfies readonly EngagementType[];
type Type = (typeof TYPES)[number];
/** Every pair of client and vendor region, unknown (null) included: the limits hold for the worst of them. */
const PAIRS: [Region | null, Region | null][] = [null, ...REGIONS].flatMap((c) => [null, ...REGIONS].map((v): [Region | null, Region | null] => [c, v]));

/** Issue 9: whole check before signing (point 4), quick mode (point 4), critical items (point 3), clauses (point 5). */
const ISSUE = {
  questions: { freelancer: 35, agency: 50, bpo: 60 },
  quick: 15,
  freelancerCritical: 10,
  clauses: { freelancer: [10, 18], agency: [18, 32], bpo: [18, 32] },
} as const;
/** The share of those limits the contract, alignment, growth and management playbooks were given. */
const OWN = ['contract-legal', 'alignment', 'growth', 'management'];
// Freelancer questions 22 since 2.1.0 (liability cap for every type, the full-time need question and its
// follow-up); the skill playbooks' share fell to 13, so the two still add up to ISSUE.questions.freelancer.
const OWN_BUDGET = { questions: { freelancer: 22, agency: 29, bpo: 35 }, critical: { freelancer: 6, agency: 7, bpo: 8 } } as const;

const scope = (type: Type, [clientRegion, vendorRegion]: [Region | null, Region | null], quick = false): CheckScope => ({ type, clientRegion, vendorRegion, stage: 'signing', quick });
const noAnswers = answerMap({});
const own = (e: Entry) => OWN.includes(e.playbook.id);

/** Questions asked before signing with no answers yet, plus every follow-up an answer could still add. */
function worstCase(type: Type, counts: (e: Entry) => boolean = () => true, quick = false): number {
  return Math.max(...PAIRS.map((pair) => {
    const { certain, possible } = questionRange(entries, scope(type, pair, quick), noAnswers, counts);
    return certain + possible;
  }));
}

/** Readiness items critical for this type that some region pair asks before signing. */
function criticalFor(type: Type, counts: (e: Entry) => boolean = () => true): Entry[] {
  return entries.filter((e) => counts(e) && !isNeed(e.item) && fitsType(e, type) && stageOf(e.item) === 'signing' && PAIRS.some(([clientRegion, vendorRegion]) => fitsRegions(e.item, { clientRegion, vendorRegion })) && resolveSeverity(e.item.severity, type) === 'critical');
}

/** The blank checklist, as `checklist --type T` prints it. */
function blankChecklist(type: Type, [clientRegion, vendorRegion]: [Region | null, Region | null] = [null, null]): ChecklistLine[] {
  const engagement = { vendor: 'any', type, ...(clientRegion ? { client_region: clientRegion } : {}), ...(vendorRegion ? { vendor_region: vendorRegion } : {}) };
  const checklist = checklistOf(assess({ playbooks, engagement, answers: noAnswers, now: NOW }), false);
  return checklist.groups.flatMap((g) => g.lines);
}

const lineFed = (lines: readonly ChecklistLine[], pattern: RegExp) => lines.filter((l) => pattern.test(l.text));

describe('bundled content (issue 9)', () => {
  it('loads without problems', () => {
    expect(registry.problems).toEqual([]);
    expect(playbooks.map((p) => p.id).sort()).toEqual(['adaptability', 'alignment', 'communication', 'contract-legal', 'growth', 'management', 'negotiation', 'project-management']);
  });

  describe.each(TYPES)('%s', (type) => {
    it('asks few enough questions before signing, follow-ups and need questions included, whatever the regions', () => {
      expect(worstCase(type)).toBeLessThanOrEqual(ISSUE.questions[type]);
      expect(worstCase(type, own)).toBeLessThanOrEqual(OWN_BUDGET.questions[type]);
      // The counter is not trivially zero: the four own playbooks really ask something.
      expect(worstCase(type, own)).toBeGreaterThan(OWN_BUDGET.questions[type] / 2);
    });

    it('keeps the quick check short', () => {
      expect(worstCase(type, () => true, true)).toBeLessThanOrEqual(ISSUE.quick);
      expect(worstCase(type, () => true, true)).toBeGreaterThan(0);
    });

    it('resolves few critical items, none with a follow-up', () => {
      expect(criticalFor(type, own).length).toBeLessThanOrEqual(OWN_BUDGET.critical[type]);
      if (type === 'freelancer') expect(criticalFor(type).length).toBeLessThanOrEqual(ISSUE.freelancerCritical);
      const critical = new Set(criticalFor(type).map((e) => e.key));
      const followUps = entries.filter((e) => fitsType(e, type) && e.item.when && critical.has(resolveWhenTarget(e.playbook.id, e.item.when.item)));
      expect(followUps.map((e) => e.key)).toEqual([]);
    });

    it('prints a blank checklist of the right length, one line per clause, each with a position', () => {
      const [low, high] = ISSUE.clauses[type];
      for (const pair of PAIRS) {
        const lines = blankChecklist(type, pair);
        expect(lines.length).toBeGreaterThanOrEqual(low);
        expect(lines.length).toBeLessThanOrEqual(high);
        expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
        expect(new Set(lines.map((l) => l.text.toLowerCase())).size).toBe(lines.length);
        expect(lines.filter((l) => !l.position || l.position.trim().length < 40).map((l) => l.id)).toEqual([]);
        // Where the deal is a number (cap, notice and cure days, fees at risk, payment days), the position states it.
        const numeric = lines.filter((l) => /liabilit|terminat|service credit|fees|payment|warrant|exit|confidential|data-processing/i.test(l.text));
        expect(numeric.length).toBeGreaterThanOrEqual(5);
        expect(numeric.filter((l) => !/\d/.test(l.position ?? '')).map((l) => l.id)).toEqual([]);
      }
    });

    it('keeps exit terms and data transfers on the blank checklist, the conditional ones with their condition', () => {
      const lines = blankChecklist(type);
      expect(lineFed(lines, /exit/i).length).toBeGreaterThan(0);
      const transfers = lineFed(lines, /international data transfer/i);
      expect(transfers).toHaveLength(1);
      expect(transfers[0]).toMatchObject({ status: 'conditional', condition: expect.stringMatching(/personal data/) });
      // A client and vendor in the same region need no transfer terms; in different regions they do.
      expect(lineFed(blankChecklist(type, ['us', 'us']), /international data transfer/i)).toEqual([]);
      expect(lineFed(blankChecklist(type, ['uk', 'other']), /international data transfer/i)).toHaveLength(1);
      for (const line of lines.filter((l) => l.status === 'conditional')) expect(line.condition).toMatch(/\w{4,}/);
    });
  });

  it('gives freelancers a short agreement: no change of control schedule, no service levels or credits', () => {
    const lines = blankChecklist('freelancer');
    expect(lineFed(lines, /service.level|service credit|SLA/i)).toEqual([]);
    expect(lineFed(lines, /change of control/i)).toEqual([]);
    // Positions are the freelancer's own, not a call centre's: no enterprise terms leak into them.
    const enterprise = /step-in|staff (information|transfer)|TUPE|changes? (of )?control|schedule of approved subcontractors|arbitrat|monthly report|call centre|agents/i;
    expect(lines.filter((l) => enterprise.test(l.position ?? '')).map((l) => l.id)).toEqual([]);
    // Titles are shared by every type, so they carry no call-centre words either.
    expect(lines.filter((l) => /step-in|phone numbers|call centre|agents|TUPE|changes? (of )?control/i.test(l.text)).map((l) => l.id)).toEqual([]);
    // A freelancer still gets a liability cap, with a number in it.
    expect(lineFed(lines, /liability/i).map((l) => l.position)).toEqual([expect.stringMatching(/\$25k/)]);
  });

  it.each(TYPES)('states each number once across the %s checklist: deletion within 30 days, 24-hour breach notice, the monthly report', (type) => {
    const positions = blankChecklist(type).map((l) => l.position ?? '');
    const count = (pattern: RegExp) => positions.filter((p) => pattern.test(p)).length;
    expect(count(/delet[^;]*30 days/i)).toBe(1);
    expect(count(/(breach|incident)[^;]*24 hours/i)).toBe(1);
    expect(count(/monthly report by/i)).toBeLessThanOrEqual(1);
  });

  it('asks each type for its own terms where one position would not fit (second review)', () => {
    const position = (type: Type, id: string) => blankChecklist(type).find((l) => l.id === id)?.position ?? '';
    // A freelancer's payment terms carry what the freelance laws require; a BPO's, its billing unit.
    expect(position('freelancer', 'fees-and-payment')).toMatch(/list of work done[\s\S]*30 days of completion/);
    expect(position('bpo', 'fees-and-payment')).toMatch(/billing unit[\s\S]*staffing assumptions[\s\S]*monthly in arrears/);
    expect(position('bpo', 'fees-and-payment')).not.toMatch(/week's notice/);
    expect(position('bpo', 'warranties')).toMatch(/re-worked/);
    expect(position('bpo', 'warranties')).not.toMatch(/post-warranty|rate card/);
    expect(position('freelancer', 'warranties')).toMatch(/30 days/);
    expect(position('freelancer', 'warranties')).not.toMatch(/rate card/);
    expect(position('agency', 'volume-and-capacity')).toMatch(/rate card/);
    expect(position('agency', 'volume-and-capacity')).not.toMatch(/surge/);
    expect(position('bpo', 'volume-and-capacity')).toMatch(/surge/);
    expect(position('bpo', 'ip-ownership')).toMatch(/recordings/);
    expect(position('bpo', 'ip-ownership')).not.toMatch(/open-source/);
    expect(position('freelancer', 'acceptance')).not.toMatch(/peer review/);
    expect(position('freelancer', 'confidentiality')).not.toMatch(/subcontractor|competitor/);
  });

  it.each(['agency', 'bpo'] as const)('covers the clause families a lawyer expects for %s', (type) => {
    const lines = blankChecklist(type);
    const families = [/precedence/i, /late payment/i, /tax/i, /currency/i, /warrant/i, /indirect/i, /force majeure/i, /data/i, /compliance with law/i, /exclusivity/i, /conflict/i, /assignment/i, /publicity/i, /change/i, /survival/i, /service credit/i, /exit/i];
    expect(families.filter((family) => lineFed(lines, family).length === 0).map(String)).toEqual([]);
  });

  it('makes service credits, card security where cards are taken, and data protection critical for a BPO', () => {
    const critical = criticalFor('bpo');
    const feeds = (pattern: RegExp) => critical.filter((e) => e.item.clause && blankChecklist('bpo').some((l) => l.id === e.item.clause?.id && pattern.test(l.text)));
    expect(feeds(/service credit/i).length).toBeGreaterThan(0);
    expect(feeds(/data-processing/i).length).toBeGreaterThan(0);
    const card = feeds(/card/i);
    expect(card.length).toBeGreaterThan(0);
    // Asked only where the vendor takes cards: behind the shared need question.
    for (const e of card) expect(e.item.when && resolveWhenTarget(e.playbook.id, e.item.when.item)).toBe('contract-legal/card-payments');
  });

  it('backs every legal item with primary law and a note for each region, "elsewhere" sending the founder to a local lawyer', () => {
    const legal = entries.filter((e) => e.item.legal === true);
    expect(legal.length).toBeGreaterThanOrEqual(8);
    for (const { key, item } of legal) {
      const citations = (item.sources ?? []).filter((s) => !/^https?:/i.test(s));
      expect({ key, citations: citations.length > 0 }).toEqual({ key, citations: true });
      const other = item.region_notes?.other;
      const otherText = typeof other === 'string' ? other : `${other?.why ?? ''} ${other?.fix ?? ''}`;
      expect({ key, other: /ask a local (employment )?lawyer/i.test(otherText) }).toEqual({ key, other: true });
    }
  });

  it('shares the three need questions the other playbooks depend on', () => {
    const needs = entries.filter((e) => isNeed(e.item)).map((e) => e.key);
    expect(needs).toEqual(expect.arrayContaining(['contract-legal/personal-data', 'contract-legal/card-payments', 'contract-legal/customer-facing']));
    const dependsOn = (key: string) => entries.filter((e) => e.item.when && resolveWhenTarget(e.playbook.id, e.item.when.item) === key);
    for (const need of needs) expect(dependsOn(need).length).toBeGreaterThan(0);
  });
});
