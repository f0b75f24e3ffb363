import { itemKey, resolveSeverity, resolveWhenTarget, type EngagementType, type ItemKey, type Region, type Stage } from '../playbook/model.js';
import type { Item, Playbook, Section } from '../playbook/schema.js';
import type { AnswerMap } from './answers.js';
import { REGION_NAMES } from './regions.js';

/** An item in the order it is asked, with what it belongs to. */
export interface Entry {
  key: ItemKey;
  playbook: Playbook;
  section: Section;
  item: Item;
}

/** Why an item is not asked: its type, the regions, the stage, quick mode, or a `when` that does not hold. */
export const EXCLUSIONS = ['type', 'region', 'stage', 'quick', 'when'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** What one check covers: the engagement's type and regions, the stage, and whether it is the quick check. */
export interface CheckScope {
  type: EngagementType;
  clientRegion: Region | null;
  vendorRegion: Region | null;
  stage: Stage;
  quick: boolean;
}

export function scopeOf(file: { engagement: { type: EngagementType; client_region?: Region | null | undefined; vendor_region?: Region | null | undefined }; stage?: Stage | undefined; quick?: boolean | undefined }): CheckScope {
  return {
    type: file.engagement.type,
    clientRegion: file.engagement.client_region ?? null,
    vendorRegion: file.engagement.vendor_region ?? null,
    stage: file.stage ?? 'signing',
    quick: file.quick ?? false,
  };
}

/** Every item of the chosen playbooks, in playbook, section and item order. */
export function entriesOf(playbooks: readonly Playbook[]): Entry[] {
  return playbooks.flatMap((playbook) =>
    playbook.sections.flatMap((section) => section.items.map((item) => ({ key: itemKey(playbook.id, item.id), playbook, section, item }))),
  );
}

export const isNeed = (item: Item): boolean => item.need !== undefined;

export function fitsType(entry: Pick<Entry, 'playbook' | 'item'>, type: EngagementType): boolean {
  const appliesTo = entry.item.applies_to ?? entry.playbook.applies_to;
  return appliesTo === undefined || appliesTo.includes(type);
}

/** An unknown region rules nothing out: better one question too many than advice missing for the client's law. */
export function fitsRegions(item: Item, scope: Pick<CheckScope, 'clientRegion' | 'vendorRegion'>): boolean {
  if (item.client_regions && scope.clientRegion !== null && !item.client_regions.includes(scope.clientRegion)) return false;
  if (item.cross_border && scope.clientRegion !== null && scope.vendorRegion !== null && scope.clientRegion === scope.vendorRegion) return false;
  return true;
}

const whereBased = (r: Region) => (r === 'other' ? 'outside the US, the UK and the EU' : `in ${REGION_NAMES[r]}`);

/**
 * What an unknown region leaves open, in words: an item limited to some
 * client regions, or to cross-border engagements, is asked when a region is
 * not known, but applies only if it turns out so. Null when nothing is open.
 */
export function regionConditionWords(item: Item, scope: Pick<CheckScope, 'clientRegion' | 'vendorRegion'>): string | null {
  const parts: string[] = [];
  if (item.client_regions && scope.clientRegion === null) parts.push(`you are based ${item.client_regions.map(whereBased).join(', or ')}`);
  if (item.cross_border && (scope.clientRegion === null || scope.vendorRegion === null)) parts.push('the vendor is based in another region than you');
  return parts.length > 0 ? parts.join(', and ') : null;
}

export function stageOf(item: Item): Stage {
  return item.stage ?? 'signing';
}

/** Type, regions and stage: what rules an item out whatever the answers. */
function structural(entry: Entry, scope: CheckScope): Exclusion | null {
  if (!fitsType(entry, scope.type)) return 'type';
  if (!fitsRegions(entry.item, scope)) return 'region';
  if (!isNeed(entry.item) && stageOf(entry.item) !== scope.stage) return 'stage';
  return null;
}

function whenTarget(entry: Entry, byKey: ReadonlyMap<ItemKey, Entry>): Entry | undefined {
  return entry.item.when ? byKey.get(resolveWhenTarget(entry.playbook.id, entry.item.when.item)) : undefined;
}

/** Items that name each item in their `when`. */
function dependentsOf(entries: readonly Entry[], byKey: ReadonlyMap<ItemKey, Entry>): Map<ItemKey, Entry[]> {
  const dependents = new Map<ItemKey, Entry[]>();
  for (const entry of entries) {
    const target = whenTarget(entry, byKey);
    if (!target) continue;
    const list = dependents.get(target.key);
    if (list) list.push(entry);
    else dependents.set(target.key, [entry]);
  }
  return dependents;
}

/**
 * Quick mode: the items critical for this engagement type, what they depend
 * on (so they can be asked at all), and the follow-ups they trigger.
 */
function quickKeys(entries: readonly Entry[], scope: CheckScope, inScope: (e: Entry) => boolean, byKey: ReadonlyMap<ItemKey, Entry>, dependents: ReadonlyMap<ItemKey, Entry[]>): Set<ItemKey> {
  const critical = entries.filter((e) => inScope(e) && !isNeed(e.item) && resolveSeverity(e.item.severity, scope.type) === 'critical');
  const keys = new Set<ItemKey>();
  for (const entry of critical) {
    keys.add(entry.key);
    for (const follow of dependents.get(entry.key) ?? []) keys.add(follow.key);
    // Walk up the `when` chain; the loader rejects cycles, and `keys` stops a hand-built one.
    for (let at = whenTarget(entry, byKey); at && !keys.has(at.key); at = whenTarget(at, byKey)) keys.add(at.key);
  }
  return keys;
}

/**
 * Decides, for each item, whether it is asked and scored: its type, the
 * client's and vendor's regions and the stage must fit, quick mode must keep
 * it, and its `when` must hold. A `when` holds only if the item it names is
 * itself applicable and answered with one of the listed values, so a chain of
 * conditions collapses as soon as one link fails. A need question is asked
 * only when an item that depends on it is in this check. The interview calls
 * this after every answer; scoring calls it once.
 */
export function applicability(entries: readonly Entry[], scope: CheckScope, answers: AnswerMap): Map<ItemKey, Exclusion | null> {
  const byKey = entriesByKey(entries);
  const dependents = dependentsOf(entries, byKey);
  const fixed = new Map<ItemKey, Exclusion | null>(entries.map((e) => [e.key, structural(e, scope)]));

  if (scope.quick) {
    const keep = quickKeys(entries, scope, (e) => fixed.get(e.key) === null, byKey, dependents);
    for (const entry of entries) if (fixed.get(entry.key) === null && !keep.has(entry.key)) fixed.set(entry.key, 'quick');
  }
  // A need question with nothing in this check depending on it would be asked for nothing.
  const neededBySome = (entry: Entry, seen: Set<ItemKey>): boolean =>
    (dependents.get(entry.key) ?? []).some((d) => !seen.has(d.key) && (seen.add(d.key), (!isNeed(d.item) && fixed.get(d.key) === null) || neededBySome(d, seen)));
  for (const entry of entries) {
    if (isNeed(entry.item) && fixed.get(entry.key) === null && dependents.has(entry.key) && !neededBySome(entry, new Set())) {
      fixed.set(entry.key, scope.quick ? 'quick' : 'stage');
    }
  }

  const result = new Map<ItemKey, Exclusion | null>();
  const visiting = new Set<ItemKey>();
  const decide = (entry: Entry): Exclusion | null => {
    const known = result.get(entry.key);
    if (known !== undefined) return known;
    let outcome: Exclusion | null = fixed.get(entry.key) ?? null;
    if (outcome === null && entry.item.when) {
      const target = whenTarget(entry, byKey);
      // The loader rejects cycles; the guard keeps a hand-built playbook set from recursing forever.
      if (!target || visiting.has(entry.key)) outcome = 'when';
      else {
        visiting.add(entry.key);
        const targetOutcome = decide(target);
        visiting.delete(entry.key);
        const value = answers.get(target.key)?.value ?? null;
        outcome = targetOutcome === null && value !== null && entry.item.when.is.includes(value) ? null : 'when';
      }
    }
    result.set(entry.key, outcome);
    return outcome;
  };

  for (const entry of entries) decide(entry);
  return result;
}

export function applicableEntries(entries: readonly Entry[], scope: CheckScope, answers: AnswerMap): Entry[] {
  const decided = applicability(entries, scope, answers);
  return entries.filter((e) => decided.get(e.key) === null);
}

/** The entries by key, for the lookups of `when` chains. */
export function entriesByKey(entries: readonly Entry[]): Map<ItemKey, Entry> {
  return new Map(entries.map((e) => [e.key, e]));
}

/** A `when` link that is still open: the item it names has no answer yet. */
export interface OpenCondition {
  target: Entry;
  is: readonly string[];
}

/**
 * For an item left out by a `when`: the conditions still open on its chain,
 * or null when an answer (or the scope) has already ruled it out for good.
 * An item with open conditions may still be asked, and its clause still belongs
 * on a blank checklist, marked with them. `byKey` is built once by the caller
 * (entriesByKey): this runs for every item a `when` leaves out.
 */
export function openConditions(entry: Entry, byKey: ReadonlyMap<ItemKey, Entry>, decided: ReadonlyMap<ItemKey, Exclusion | null>, answers: AnswerMap): OpenCondition[] | null {
  const open: OpenCondition[] = [];
  const seen = new Set<ItemKey>();
  for (let at: Entry = entry; at.item.when && !seen.has(at.key); ) {
    seen.add(at.key);
    const target = whenTarget(at, byKey);
    const status = target ? decided.get(target.key) : undefined;
    if (!target || (status !== null && status !== 'when')) return null;
    const value = answers.get(target.key)?.value ?? null;
    if (value === null) open.push({ target, is: at.item.when.is });
    else if (!at.item.when.is.includes(value)) return null;
    at = target;
  }
  return open.length > 0 ? open : null;
}

/**
 * How many questions a check has: those asked for sure, and those that
 * answers still to come may add (follow-ups behind an open condition).
 * `counts` limits both to some items: the unanswered ones, a re-check's.
 */
export function questionRange(entries: readonly Entry[], scope: CheckScope, answers: AnswerMap, counts: (entry: Entry) => boolean = () => true): { certain: number; possible: number } {
  const decided = applicability(entries, scope, answers);
  const byKey = entriesByKey(entries);
  let certain = 0;
  let possible = 0;
  for (const entry of entries) {
    if (!counts(entry)) continue;
    const status = decided.get(entry.key);
    if (status === null) certain++;
    else if (status === 'when' && openConditions(entry, byKey, decided, answers) !== null) possible++;
  }
  return { certain, possible };
}

/** "30 questions", or "30–34 questions" when follow-ups may add some. */
export function questionsText({ certain, possible }: { certain: number; possible: number }): string {
  return possible > 0 ? `${certain}–${certain + possible} questions` : `${certain} question${certain === 1 ? '' : 's'}`;
}

/** An open condition in words: a need question's own words, or the question and the answers that make it hold. */
export function conditionWords(conditions: readonly OpenCondition[]): string {
  return conditions
    .map(({ target, is }) => {
      const need = target.item.need;
      if (need !== undefined) return is.includes('yes') ? need : `not: ${need}`;
      return `your answer to “${target.item.question.replace(/\s+/g, ' ').trim()}” is ${is.join(' or ')}`;
    })
    .join(', and ');
}

/**
 * The order questions are asked in: playbook order, except that an item with
 * a `when` comes right after the item it depends on, so a follow-up is asked
 * straight after the answer that triggers it and the counter never jumps back.
 */
export function askingOrder(entries: readonly Entry[]): Entry[] {
  const byKey = entriesByKey(entries);
  const dependents = dependentsOf(entries, byKey);
  const out: Entry[] = [];
  const placed = new Set<ItemKey>();
  const place = (entry: Entry): void => {
    if (placed.has(entry.key)) return;
    placed.add(entry.key);
    out.push(entry);
    for (const follow of dependents.get(entry.key) ?? []) place(follow);
  };
  for (const entry of entries) if (!whenTarget(entry, byKey)) place(entry);
  // Items in a `when` cycle (only in hand-built sets; the loader rejects them) keep their own place.
  for (const entry of entries) place(entry);
  return out;
}
