// zod/mini: the same schemas and issues as classic zod at a fraction of the start-up cost.
import * as z from 'zod/mini';

export const PLAYBOOK_FORMAT = 'outsource-check/playbook@1';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const kebabId = z.string().check(z.regex(KEBAB, { error: 'must be kebab-case: lower-case letters, digits and single hyphens' }));

export const ENGAGEMENT_TYPES = ['freelancer', 'agency', 'bpo', 'other'] as const;
export const engagementType = z.enum(ENGAGEMENT_TYPES);
export type EngagementType = z.infer<typeof engagementType>;

export const ANSWER_VALUES = ['yes', 'partly', 'no', 'na'] as const;
export const answerValue = z.enum(ANSWER_VALUES);
export type AnswerValue = z.infer<typeof answerValue>;

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

export const CLAUSE_GROUPS = ['scope', 'performance', 'legal', 'change-exit', 'due-diligence'] as const;
export const clauseGroup = z.enum(CLAUSE_GROUPS);
export type ClauseGroup = z.infer<typeof clauseGroup>;

export const PLAYBOOK_KINDS = ['skill', 'focus-area', 'custom'] as const;

const text = z.string().check(z.trim(), z.minLength(1));
const recheckMonths = z.int().check(z.minimum(1), z.maximum(120), z.describe('Months after which an answer is stale and should be confirmed again'));

export const whenSchema = z
  .strictObject({
    item: z.string().check(
      z.regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/, {
        error: 'must be an item id, or `playbook-id/item-id` for another playbook',
      }),
    ),
    is: z.array(answerValue).check(z.minLength(1)),
  })
  .check(z.describe('Ask the item only when another item was answered with one of these values'));

export const clauseSchema = z.strictObject({ group: clauseGroup, text }).check(z.describe('Puts the item on the pre-contract checklist'));

export const itemSchema = z.strictObject({
  id: kebabId,
  question: text,
  why: text,
  fix: text,
  severity,
  weight: z.optional(z.number().check(z.positive(), z.maximum(100))),
  applies_to: z.optional(z.array(engagementType).check(z.minLength(1))),
  when: z.optional(whenSchema),
  clause: z.optional(clauseSchema),
  tags: z.optional(z.array(text)),
  sources: z.optional(z.array(z.url({ error: 'must be a URL' }))),
  recheck_months: z.optional(recheckMonths),
});

export const sectionSchema = z.strictObject({
  id: kebabId,
  title: text,
  summary: z.optional(text),
  items: z.array(itemSchema).check(z.minLength(1)),
});

/** Where an imported playbook came from (`playbooks import`); shown by `playbooks show`. */
export const sourceSchema = z
  .strictObject({
    name: text,
    version: z.optional(z.int().check(z.minimum(0))),
    provider: z.optional(text),
    copyright: z.optional(text),
    urn: z.optional(text),
    locale: z.optional(text),
  })
  .check(z.describe('The library this playbook was imported from'));

export const playbookSchema = z
  .strictObject({
    format: z.literal(PLAYBOOK_FORMAT),
    id: kebabId,
    kind: z.enum(PLAYBOOK_KINDS),
    title: text,
    version: z.string().check(z.regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, { error: 'must be a semantic version such as 1.0.0' })),
    summary: text,
    applies_to: z.optional(z.array(engagementType).check(z.minLength(1))),
    recheck_months: z.optional(recheckMonths),
    source: z.optional(sourceSchema),
    sections: z.array(sectionSchema).check(z.minLength(1)),
  })
  .check(z.describe('An outsource-check playbook'));

export type Playbook = z.infer<typeof playbookSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Item = z.infer<typeof itemSchema>;
export type When = z.infer<typeof whenSchema>;

export const DEFAULT_WEIGHT: Record<Severity, number> = { critical: 5, major: 3, minor: 1 };

export function itemWeight(item: Item): number {
  return item.weight ?? DEFAULT_WEIGHT[item.severity];
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

/** The keys each level allows, for "did you mean" hints on typos. */
export function playbookKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const keys = (s: { shape: object }) => Object.keys(s.shape);
  const depth = path.filter((p) => typeof p === 'string').length;
  const last = path[path.length - 1];
  if (path.length === 0) return keys(playbookSchema);
  if (last === 'when') return keys(whenSchema);
  if (last === 'clause') return keys(clauseSchema);
  if (last === 'source') return keys(sourceSchema);
  if (path.includes('items')) return keys(itemSchema);
  if (depth === 1) return keys(sectionSchema);
  return [];
}
