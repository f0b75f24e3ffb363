import * as z from 'zod/mini';
import { playbookSchema } from './playbook/schema.js';
import { answersSchema } from './assessment/answers-schema.js';

/**
 * The JSON Schemas committed in schema/, generated from the zod schemas so
 * editors and the loader can never disagree. A test fails when they drift.
 */
export function jsonSchemas(): Record<'playbook' | 'answers', string> {
  const render = (schema: z.core.$ZodType, title: string): string =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) }, null, 2)}\n`;
  return {
    playbook: render(playbookSchema, 'outsource-check playbook'),
    answers: render(answersSchema, 'outsource-check answers'),
  };
}
