import { z } from 'zod';
import { answerValue, engagementType, kebabId } from '../playbook/schema.js';

export const ANSWERS_FORMAT = 'outsource-check/answers@1';

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-11-28T10:00:00Z' });

/** A bare value, an empty key (not answered yet, as `template` writes it), or the long form with a note. */
export const answerEntrySchema = z.union([
  answerValue,
  z.null(),
  z.strictObject({
    answer: answerValue.nullable().optional(),
    note: z.string().optional(),
    answered: isoDateTime.optional().describe('When the answer was given; used to tell when it falls due again'),
  }),
]);

export const engagementSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(200),
  type: engagementType,
  scope: z.string().optional(),
});

export const metaSchema = z.strictObject({
  started: isoDateTime.optional(),
  updated: isoDateTime.optional(),
  finished: isoDateTime.optional(),
  playbook_versions: z.record(kebabId, z.string()).optional(),
  skipped: z.array(z.string().regex(KEY)).optional().describe('Items skipped for now; the review offers them again'),
  tool: z.string().optional(),
});

export const answersSchema = z
  .strictObject({
    format: z.literal(ANSWERS_FORMAT),
    engagement: engagementSchema,
    playbooks: z.array(kebabId).min(1).optional(),
    answers: z
      .record(z.string().regex(KEY, { message: 'must be `playbook-id/item-id`' }), answerEntrySchema)
      .nullable()
      .optional(),
    meta: metaSchema.optional(),
  })
  .describe('An outsource-check answers file, or the saved progress of an interactive check');

export type AnswersFile = z.infer<typeof answersSchema>;
export type AnswerEntry = z.infer<typeof answerEntrySchema>;
export type Engagement = z.infer<typeof engagementSchema>;
export type AnswersMeta = z.infer<typeof metaSchema>;

export function answersKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const keys = (s: z.ZodObject) => Object.keys(s.shape);
  if (path.length === 0) return keys(answersSchema);
  if (path[0] === 'engagement') return keys(engagementSchema);
  if (path[0] === 'meta') return keys(metaSchema);
  if (path[0] === 'answers') return ['answer', 'note', 'answered'];
  return [];
}
