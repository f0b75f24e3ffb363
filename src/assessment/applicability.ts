import { itemKey, resolveWhenTarget, type EngagementType, type Item, type ItemKey, type Playbook, type Section } from '../playbook/schema.js';
import type { AnswerMap } from './answers.js';

/** An item in the order it is asked, with what it belongs to. */
export interface Entry {
  key: ItemKey;
  playbook: Playbook;
  section: Section;
  item: Item;
}

export type Exclusion = 'type' | 'when';

/** Every item of the chosen playbooks, in playbook, section and item order. */
export function entriesOf(playbooks: readonly Playbook[]): Entry[] {
  return playbooks.flatMap((playbook) =>
    playbook.sections.flatMap((section) => section.items.map((item) => ({ key: itemKey(playbook.id, item.id), playbook, section, item }))),
  );
}

export function fitsType(entry: Pick<Entry, 'playbook' | 'item'>, type: EngagementType): boolean {
  const appliesTo = entry.item.applies_to ?? entry.playbook.applies_to;
  return appliesTo === undefined || appliesTo.includes(type);
}

/**
 * Decides, for each item, whether it is asked and scored: its `applies_to`
 * must include the engagement type, and its `when` must hold. A `when` holds
 * only if the item it names is itself applicable and answered with one of
 * the listed values, so a chain of conditions collapses as soon as one link
 * fails. The interview calls this after every answer; scoring calls it once.
 */
export function applicability(entries: readonly Entry[], type: EngagementType, answers: AnswerMap): Map<ItemKey, Exclusion | null> {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const result = new Map<ItemKey, Exclusion | null>();
  const visiting = new Set<ItemKey>();

  const decide = (entry: Entry): Exclusion | null => {
    const known = result.get(entry.key);
    if (known !== undefined) return known;
    let outcome: Exclusion | null = null;
    if (!fitsType(entry, type)) outcome = 'type';
    else if (entry.item.when) {
      const target = byKey.get(resolveWhenTarget(entry.playbook.id, entry.item.when.item));
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

export function applicableEntries(entries: readonly Entry[], type: EngagementType, answers: AnswerMap): Entry[] {
  const decided = applicability(entries, type, answers);
  return entries.filter((e) => decided.get(e.key) === null);
}
