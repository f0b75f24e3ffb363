// zod/mini: the same schemas and issues as classic zod at a fraction of the start-up cost.
import * as z from 'zod/mini';
import { ANSWER_VALUES, CLAUSE_GROUPS, ENGAGEMENT_TYPES, REGIONS, SEVERITIES, STAGES } from './model.js';

/**
 * The small schemas that answers files and saved reports share with
 * playbooks; the playbook schema itself (schema.ts) is built only where a
 * playbook file is validated.
 */
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const kebabId = z.string().check(z.regex(KEBAB, { error: 'must be kebab-case: lower-case letters, digits and single hyphens' }));
export const engagementType = z.enum(ENGAGEMENT_TYPES);
export const answerValue = z.enum(ANSWER_VALUES);
export const severity = z.enum(SEVERITIES);
export const region = z.enum(REGIONS);
export const stage = z.enum(STAGES);
export const clauseGroup = z.enum(CLAUSE_GROUPS);
