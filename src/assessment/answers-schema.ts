import * as z from 'zod/mini';
import { ANSWER_VALUES } from '../playbook/model.js';
import { answerValue, engagementType, kebabId, region, stage } from '../playbook/atoms.js';
import { didYouMean } from '../source/suggest.js';
import { MAX_VENDOR_LENGTH } from './vendor.js';
import { ANSWERS_FORMAT } from './answers.js';

export { ANSWERS_FORMAT };

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time such as 2026-11-28T10:00:00Z' });

/** A value as a user wrote it, in words, for a message. */
function describeInput(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

function answerHint(value: unknown): string {
  // YAML 1.1 habits: `true`/`false` were yes/no there.
  if (typeof value === 'boolean') return ` (did you mean \`${value ? 'yes' : 'no'}\`?)`;
  if (typeof value !== 'string') return '';
  return didYouMean(value.toLowerCase(), ANSWER_VALUES);
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * When no form of an entry fits, zod says only "Invalid input", which tells
 * someone editing the file by hand nothing; say what an answer may be and
 * what was written instead.
 */
function entryError(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const input = issue.input;
  const choices = `one of ${ANSWER_VALUES.join(', ')}`;
  if (!isMapping(input)) return `an answer must be ${choices}, or left empty, not ${describeInput(input)}${answerHint(input)}`;
  const answer = input.answer;
  if (answer !== undefined && answer !== null && !(ANSWER_VALUES as readonly unknown[]).includes(answer)) {
    return `\`answer\` must be ${choices}, not ${describeInput(answer)}${answerHint(answer)}`;
  }
  // Something else in the long form is wrong: the one form with a path into the mapping says what.
  const inner = issue.errors.flat().find((i) => i.path.length > 0);
  const field = inner ? String(inner.path[inner.path.length - 1]) : null;
  if (inner && field !== null) {
    return inner.code === 'invalid_type' && inner.expected === 'string'
      ? `\`${field}\` must be text, not ${describeInput(input[field])}`
      : `\`${field}\`: ${inner.message}`;
  }
  return `an answer must be ${choices}, or a mapping with \`answer\`, \`note\` and \`answered\``;
}

/** A bare value, an empty key (not answered yet, as `template` writes it), or the long form with a note. */
export const answerEntrySchema = z.union(
  [
    answerValue,
    z.null(),
    z.strictObject({
      answer: z.optional(z.nullable(answerValue)),
      note: z.optional(z.string()),
      answered: z.optional(isoDateTime.check(z.describe('When the answer was given; used to tell when it falls due again'))),
    }),
  ],
  { error: entryError },
);

export const engagementSchema = z.strictObject({
  // The rule of vendor.ts (vendorNameProblem), in zod's terms so the JSON Schema carries it.
  vendor: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_VENDOR_LENGTH)),
  type: engagementType,
  scope: z.optional(z.string()),
  // Left empty (as `template` writes them) they are unknown, which shows the advice for every region.
  client_region: z.optional(z.nullable(region).check(z.describe('Where the client (you) is based: us, uk, eu (EU and EEA) or other; empty when unknown'))),
  vendor_region: z.optional(z.nullable(region).check(z.describe('Where the vendor is based: us, uk, eu (EU and EEA) or other; empty when unknown'))),
});

export const metaSchema = z.strictObject({
  started: z.optional(isoDateTime),
  updated: z.optional(isoDateTime),
  finished: z.optional(isoDateTime),
  playbook_versions: z.optional(z.record(kebabId, z.string())),
  skipped: z.optional(z.array(z.string().check(z.regex(KEY))).check(z.describe('Items skipped for now; the review offers them again'))),
  recheck: z.optional(z.array(z.string().check(z.regex(KEY))).check(z.describe('Items a re-check asks again; kept so that an interrupted re-check resumes where it was'))),
  tool: z.optional(z.string()),
});

export const answersSchema = z
  .strictObject({
    format: z.literal(ANSWERS_FORMAT),
    engagement: engagementSchema,
    playbooks: z.optional(z.array(kebabId).check(z.minLength(1))),
    stage: z.optional(stage.check(z.describe('signing (default): before the contract is signed; onboarding: the first weeks after'))),
    quick: z.optional(z.boolean().check(z.describe('Only the items critical for the engagement type, and what they depend on'))),
    answers: z.optional(
      z.nullable(
        z.record(z.string().check(z.regex(KEY, { error: 'must be `playbook-id/item-id`' })), answerEntrySchema, {
          // zod's own "Invalid key in record" does not say what a key should look like.
          error: (issue) => (issue.code === 'invalid_key' ? 'an answer key must be `playbook-id/item-id` in lower-case kebab-case, such as `communication/one-page-brief`' : undefined),
        }),
      ),
    ),
    meta: z.optional(metaSchema),
  })
  .check(z.describe('An outsource-check answers file, or the saved progress of an interactive check'));

export type AnswersFile = z.infer<typeof answersSchema>;
export type AnswerEntry = z.infer<typeof answerEntrySchema>;
export type Engagement = z.infer<typeof engagementSchema>;
export type AnswersMeta = z.infer<typeof metaSchema>;

export function answersKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const keys = (s: { shape: object }) => Object.keys(s.shape);
  if (path.length === 0) return keys(answersSchema);
  if (path[0] === 'engagement') return keys(engagementSchema);
  if (path[0] === 'meta') return keys(metaSchema);
  if (path[0] === 'answers') return ['answer', 'note', 'answered'];
  return [];
}
