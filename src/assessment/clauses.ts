import type { ClauseGroup, EngagementType, ItemKey, Playbook } from '../playbook/schema.js';
import { itemKey, resolvePosition } from '../playbook/model.js';

/** A checklist line as defined once, whichever item defines it. */
export interface ClauseDefinition {
  id: string;
  group: ClauseGroup;
  text: string;
  position: string | null;
}

/**
 * Every clause the playbooks define, by id, with the position for this
 * engagement type. A format-1 clause (no `id`) is its item's own line and
 * takes the item's key as its id.
 */
export function clauseDefinitions(playbooks: readonly Playbook[], type: EngagementType): Map<string, ClauseDefinition> {
  const defined = new Map<string, ClauseDefinition>();
  for (const playbook of playbooks) {
    for (const section of playbook.sections) {
      for (const item of section.items) {
        const clause = item.clause;
        if (!clause?.group || !clause.text) continue;
        const id = clause.id ?? itemKey(playbook.id, item.id);
        if (!defined.has(id)) defined.set(id, { id, group: clause.group, text: clause.text, position: resolvePosition(clause.position, type) });
      }
    }
  }
  return defined;
}

/** The clause an item feeds, resolved; null when it feeds none, or names one no loaded playbook defines. */
export function clauseOf(playbookId: string, item: Playbook['sections'][number]['items'][number], defined: ReadonlyMap<string, ClauseDefinition>): ClauseDefinition | null {
  if (!item.clause) return null;
  const id: string | ItemKey = item.clause.id ?? itemKey(playbookId, item.id);
  return defined.get(id) ?? null;
}
