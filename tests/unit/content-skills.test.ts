import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { entriesOf, questionRange, type CheckScope } from '../../src/assessment/applicability.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import { REGIONS, resolveSeverity, resolveWhenTarget, type EngagementType, type Item } from '../../src/playbook/schema.js';

// Holds the bundled skill playbooks to the limits the content was written to (issue 9), so
// that a later edit cannot quietly make them longer, stricter or vaguer. The limits are for
// these four playbooks together; the other four have their own.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundled = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] }).playbooks.map((p) => p.playbook);
const SKILLS = ['communication', 'negotiation', 'project-management', 'adaptability'];
const skills = SKILLS.map((id) => {
  const found = bundled.find((p) => p.id === id);
  if (!found) throw new Error(`bundled playbook ${id} is missing`);
  return found;
});
const entries = entriesOf(bundled);
const skillEntries = entries.filter((e) => SKILLS.includes(e.playbook.id));

/** Signing-stage questions (need questions and every follow-up included), for the worst region pair. */
// Freelancer: 13 since comparable-bids left the freelancer check (2.1.0) to make room for the liability cap
// and the full-time follow-up in contract-legal; the two shares still add up to issue 9's 35.
const MAX_QUESTIONS: Record<Exclude<EngagementType, 'other'>, number> = { freelancer: 13, agency: 20, bpo: 24 };
const MAX_CRITICAL: Record<Exclude<EngagementType, 'other'>, number> = { freelancer: 3, agency: 4, bpo: 4 };
const TYPES = Object.keys(MAX_QUESTIONS) as (keyof typeof MAX_QUESTIONS)[];

function worstCase(type: EngagementType, quick: boolean): number {
  let worst = 0;
  for (const clientRegion of REGIONS) {
    for (const vendorRegion of REGIONS) {
      const scope: CheckScope = { type, clientRegion, vendorRegion, stage: 'signing', quick };
      const { certain, possible } = questionRange(entries, scope, new Map(), (e) => SKILLS.includes(e.playbook.id));
      worst = Math.max(worst, certain + possible);
    }
  }
  return worst;
}

const appliesTo = (e: (typeof skillEntries)[number], type: EngagementType) => (e.item.applies_to ?? e.playbook.applies_to ?? [type]).includes(type);
const criticalFor = (type: EngagementType) =>
  skillEntries.filter((e) => appliesTo(e, type) && (e.item.stage ?? 'signing') === 'signing' && resolveSeverity(e.item.severity, type) === 'critical');

describe('bundled skill playbooks: lengths a founder will finish', () => {
  for (const type of TYPES) {
    it(`${type}: at most ${MAX_QUESTIONS[type]} questions before signing, for every client and vendor region`, () => {
      const worst = worstCase(type, false);
      expect(worst).toBeGreaterThan(5);
      expect(worst).toBeLessThanOrEqual(MAX_QUESTIONS[type]);
    });

    it(`${type}: at most ${MAX_CRITICAL[type]} critical items, none behind or in front of a follow-up, and quick mode asks just those`, () => {
      const critical = criticalFor(type);
      expect(critical.length).toBeGreaterThan(0);
      expect(critical.length).toBeLessThanOrEqual(MAX_CRITICAL[type]);
      for (const e of critical) {
        expect(e.item.when, e.key).toBeUndefined();
        const followUps = entries.filter((f) => f.item.when && resolveWhenTarget(f.playbook.id, f.item.when.item) === e.key);
        expect(followUps.map((f) => f.key), e.key).toEqual([]);
      }
      expect(worstCase(type, true)).toBe(critical.length);
    });
  }

  it('a freelancer is blocked only by a missing scope or missing acceptance tests', () => {
    const forFreelancer = new Set(criticalFor('freelancer').map((e) => e.key));
    expect([...forFreelancer].sort()).toEqual(['project-management/acceptance-tests', 'project-management/sow-written']);
  });

  it('each playbook keeps its after-signing (onboarding) items few: at most 4', () => {
    for (const playbook of skills) {
      const onboarding = playbook.sections.flatMap((s) => s.items).filter((i) => i.stage === 'onboarding');
      expect(onboarding.length, playbook.id).toBeLessThanOrEqual(4);
    }
  });
});

describe('bundled skill playbooks: the clauses they define', () => {
  const OWN = ['scope-and-deliverables', 'acceptance', 'change-control', 'governance', 'key-personnel', 'fees-and-payment', 'price-changes'];
  const items = skills.flatMap((p) => p.sections.flatMap((s) => s.items.map((item) => ({ key: `${p.id}/${item.id}`, item }))));

  it('defines each of its clause ids once, with a position that has numbers in it', () => {
    // As written in the files: the loader copies a clause's definition onto the items that only name it.
    const written = SKILLS.flatMap((id) => {
      const raw = parse(readFileSync(path.join(ROOT, 'playbooks', `${id}.yaml`), 'utf8')) as { sections: { items: Item[] }[] };
      return raw.sections.flatMap((s) => s.items.map((item) => ({ key: `${id}/${item.id}`, item })));
    });
    const defining = written.filter(({ item }) => item.clause?.text !== undefined);
    expect(defining.map(({ item }) => item.clause?.id).sort()).toEqual([...OWN].sort());
    for (const { key, item } of defining) {
      // A position may differ by engagement type: every variant states its numbers.
      const position = item.clause?.position;
      const variants = typeof position === 'string' ? [position] : Object.values(position ?? {});
      expect(variants.length, key).toBeGreaterThan(0);
      for (const text of variants) expect(text, key).toMatch(/\d/);
      expect(item.clause?.group, key).toBeDefined();
    }
  });

  it('adaptability is the founder’s own skill: none of its items is a contract clause', () => {
    const adaptability = items.filter(({ key }) => key.startsWith('adaptability/'));
    expect(adaptability.length).toBeGreaterThanOrEqual(5);
    expect(adaptability.filter(({ item }) => item.clause !== undefined).map(({ key }) => key)).toEqual([]);
  });
});

describe('bundled skill playbooks: law', () => {
  const legal = skills.flatMap((p) => p.sections.flatMap((s) => s.items.filter((i) => i.legal === true).map((item) => ({ key: `${p.id}/${item.id}`, item }))));
  /** A citation of the law itself, or a page of a legislature, official journal or regulator. */
  const PRIMARY_HOSTS = /(^|\.)(legislation\.gov\.uk|europa\.eu|irs\.gov|nysenate\.gov|treasury\.gov|nyc\.gov|govinfo\.gov|ecfr\.gov|uscode\.house\.gov)$/;
  const isPrimary = (source: string) => {
    if (!/^https?:\/\//.test(source)) return true;
    return PRIMARY_HOSTS.test(new URL(source).hostname);
  };
  const regionNotes = (item: Item) => item.region_notes ?? {};
  const words = (note: unknown) => (typeof note === 'string' ? note : Object.values(note ?? {}).join(' '));

  it('has legal items, and each cites primary law', () => {
    expect(legal.length).toBeGreaterThanOrEqual(2);
    for (const { key, item } of legal) expect((item.sources ?? []).filter(isPrimary).length, key).toBeGreaterThan(0);
  });

  it('each legal item has a note for the US, the UK, the EU and elsewhere, and elsewhere sends the founder to a local lawyer', () => {
    for (const { key, item } of legal) {
      expect(Object.keys(regionNotes(item)).sort(), key).toEqual(['eu', 'other', 'uk', 'us']);
      expect(words(regionNotes(item).other), key).toMatch(/ask a local (employment )?lawyer/i);
    }
  });
});
