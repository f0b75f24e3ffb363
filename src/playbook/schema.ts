// zod/mini: the same schemas and issues as classic zod at a fraction of the start-up cost.
import * as z from 'zod/mini';
import { answerValue, clauseGroup, engagementType, kebabId, region, severity, stage } from './atoms.js';
import { PLAYBOOK_FORMATS, PLAYBOOK_KINDS, REGIONS, SEVERITY_BY_TYPE_KEYS } from './model.js';

// The vocabulary and the rules over validated playbooks live in model.ts (no zod); the atoms in atoms.ts.
export * from './model.js';
export { answerValue, clauseGroup, engagementType, kebabId, region, severity, stage };

/** A level, or a level per engagement type with a default: a freelancer is not held to a call centre's standard. */
export const severitySpec = z.union([
  severity,
  z.strictObject({
    default: severity,
    freelancer: z.optional(severity),
    agency: z.optional(severity),
    bpo: z.optional(severity),
    other: z.optional(severity),
  }),
]);
export type SeveritySpec = z.infer<typeof severitySpec>;

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

/**
 * What to ask for, with the numbers; like a severity, it may differ by
 * engagement type: a freelancer's termination terms are not a call centre's.
 */
export const positionSpec = z
  .union([
    text,
    z.strictObject({ default: text, freelancer: z.optional(text), agency: z.optional(text), bpo: z.optional(text), other: z.optional(text) }),
  ])
  .check(z.describe('What to ask for, with the numbers: cap, notice days, share of fees at risk, retention; a text, or one per engagement type with a default'));
export type PositionSpec = z.infer<typeof positionSpec>;

/**
 * One checklist line. Several items may feed one clause: one of them defines
 * it (`id`, `group`, `text`, `position`), the others name it by `id` alone.
 * Without an `id` (format 1) the item is its own clause.
 */
export const clauseSchema = z
  .strictObject({
    id: z.optional(kebabId.check(z.describe('Shared by every item that feeds this clause; one checklist line per id'))),
    group: z.optional(clauseGroup),
    text: z.optional(text),
    position: z.optional(positionSpec),
  })
  .check(z.describe('Puts the item on the pre-contract checklist'));

const regionNote = z.union([text, z.strictObject({ why: z.optional(text), fix: z.optional(text) })]);
export const regionNotesSchema = z
  .strictObject({ us: z.optional(regionNote), uk: z.optional(regionNote), eu: z.optional(regionNote), other: z.optional(regionNote) })
  .check(z.describe("Advice that differs by the client's region; a plain text is a note on the fix"));

/** A citation of primary law ("17 U.S.C. §201(b)", "GDPR Art. 28(3)") or a URL. */
const sourceRef = z.string().check(
  z.trim(),
  z.minLength(3),
  z.maxLength(300),
  z.refine((s) => !/^https?:/i.test(s) || URL.canParse(s), { error: 'must be a URL, or a citation such as "GDPR Art. 28(3)"' }),
);

export const itemSchema = z.strictObject({
  id: kebabId,
  question: text,
  why: text,
  fix: z.optional(text),
  severity: z.optional(severitySpec),
  need: z.optional(text.check(z.describe('Makes this a yes/no question about the engagement, not scored; the words after "if" on the checklist'))),
  weight: z.optional(z.number().check(z.positive(), z.maximum(100))),
  applies_to: z.optional(z.array(engagementType).check(z.minLength(1))),
  client_regions: z.optional(z.array(region).check(z.minLength(1), z.describe("Ask only when the client's region is one of these"))),
  cross_border: z.optional(z.boolean().check(z.describe("Ask only when the vendor's region differs from the client's"))),
  stage: z.optional(stage),
  when: z.optional(whenSchema),
  clause: z.optional(clauseSchema),
  region_notes: z.optional(regionNotesSchema),
  legal: z.optional(z.boolean().check(z.describe('The item states law; its sources must cite primary law'))),
  tags: z.optional(z.array(text)),
  sources: z.optional(z.array(sourceRef)),
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
    format: z.enum(PLAYBOOK_FORMATS),
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

/** The keys each level allows, for "did you mean" hints on typos. */
export function playbookKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const keys = (s: { shape: object }) => Object.keys(s.shape);
  const depth = path.filter((p) => typeof p === 'string').length;
  const last = path[path.length - 1];
  if (path.length === 0) return keys(playbookSchema);
  if (last === 'when') return keys(whenSchema);
  if (last === 'clause') return keys(clauseSchema);
  if (last === 'source') return keys(sourceSchema);
  if (last === 'region_notes') return [...REGIONS];
  if (last === 'severity' || last === 'position') return [...SEVERITY_BY_TYPE_KEYS];
  if (typeof last === 'string' && path[path.length - 2] === 'region_notes') return ['why', 'fix'];
  if (path.includes('items')) return keys(itemSchema);
  if (depth === 1) return keys(sectionSchema);
  return [];
}
