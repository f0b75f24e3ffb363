/**
 * The playbook vocabulary and the rules that read a validated playbook, with
 * no schema library: code that only uses playbooks (scoring, reports, a
 * registry filled from a cache) loads this, and zod loads only where a file
 * is validated (schema.ts, which re-exports all of this).
 */
import type { Item, PositionSpec, SeveritySpec } from './schema.js';

/** The format this version writes; it reads every format in PLAYBOOK_FORMATS. */
export const PLAYBOOK_FORMAT = 'outsource-check/playbook@2';
/** Format 2 only adds optional fields, so a format-1 playbook reads and scores as it always did. */
export const PLAYBOOK_FORMATS = ['outsource-check/playbook@1', PLAYBOOK_FORMAT] as const;

export const ENGAGEMENT_TYPES = ['freelancer', 'agency', 'bpo', 'other'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const ANSWER_VALUES = ['yes', 'partly', 'no', 'na'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_BY_TYPE_KEYS = ['default', ...ENGAGEMENT_TYPES] as const;

/** Where the client or the vendor is: the law that applies differs. `eu` covers the EU and the EEA. */
export const REGIONS = ['us', 'uk', 'eu', 'other'] as const;
export type Region = (typeof REGIONS)[number];

/** Signing: to settle before the contract is signed. Onboarding: to set up in the first weeks after. */
export const STAGES = ['signing', 'onboarding'] as const;
export type Stage = (typeof STAGES)[number];

export const CLAUSE_GROUPS = ['scope', 'performance', 'legal', 'change-exit', 'due-diligence'] as const;
export type ClauseGroup = (typeof CLAUSE_GROUPS)[number];

export const PLAYBOOK_KINDS = ['skill', 'focus-area', 'custom'] as const;

export const DEFAULT_WEIGHT: Record<Severity, number> = { critical: 5, major: 3, minor: 1 };

/** The level that holds for this engagement type; a need question has none. */
export function resolveSeverity(spec: SeveritySpec | undefined, type: EngagementType): Severity | null {
  if (spec === undefined) return null;
  return typeof spec === 'string' ? spec : (spec[type] ?? spec.default);
}

/** The level an item has for no engagement type in particular: its `default`. */
export function baseSeverity(spec: SeveritySpec | undefined): Severity | null {
  if (spec === undefined) return null;
  return typeof spec === 'string' ? spec : spec.default;
}

/** The weight for this engagement type: `weight` if set, else the default of the resolved level. */
export function itemWeight(item: Item, type: EngagementType): number {
  const level = resolveSeverity(item.severity, type);
  return item.weight ?? (level ? DEFAULT_WEIGHT[level] : 0);
}

/** The clause position that holds for this engagement type. */
export function resolvePosition(spec: PositionSpec | undefined, type: EngagementType): string | null {
  if (spec === undefined) return null;
  return typeof spec === 'string' ? spec : (spec[type] ?? spec.default);
}

/** Every level an item can have, for listings that show it for no particular engagement. */
export function severityWords(spec: SeveritySpec | undefined): string {
  if (spec === undefined) return 'need';
  if (typeof spec === 'string') return spec;
  const { default: base, ...byType } = spec;
  const others = Object.entries(byType).filter(([, level]) => level !== base);
  return others.length ? `${base} (${others.map(([t, level]) => `${t}: ${level}`).join(', ')})` : base;
}

/** `playbook-id/item-id`: how answers files and `when` across playbooks name an item. */
export type ItemKey = `${string}/${string}`;
export function itemKey(playbookId: string, itemId: string): ItemKey {
  return `${playbookId}/${itemId}`;
}

/** Resolves a `when.item` reference, which may omit the playbook id for the same playbook. */
export function resolveWhenTarget(playbookId: string, ref: string): ItemKey {
  return (ref.includes('/') ? ref : itemKey(playbookId, ref)) as ItemKey;
}
