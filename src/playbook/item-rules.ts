import type { Problem } from '../errors.js';
import { problemAt, type YamlDoc } from '../source/yaml.js';
import { suggestion } from '../source/suggest.js';
import { clauseSchema, itemSchema } from './schema.js';

type Raw = Record<string, unknown>;

const ITEM_KEYS: readonly string[] = Object.keys(itemSchema.shape);
const CLAUSE_KEYS: readonly string[] = Object.keys(clauseSchema.shape);
type Path = (string | number)[];

const isMapping = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Fields a need question cannot have: it describes the engagement and is never scored or put on the checklist. */
const NOT_FOR_NEEDS = ['severity', 'fix', 'weight', 'clause', 'stage'] as const;

/**
 * Rules that join two fields of an item, which the schema of each field alone
 * cannot say: a readiness item needs a severity and a fix, a need question
 * has neither; a clause is defined in full or named by its id alone; an
 * onboarding item comes after signing, so it cannot put a clause in the contract.
 */
export function itemProblems(yaml: YamlDoc, item: Raw, at: Path): Problem[] {
  const problems: Problem[] = [];
  if (item.need !== undefined) {
    for (const field of NOT_FOR_NEEDS) {
      if (item[field] !== undefined) problems.push(problemAt(yaml, [...at, field], `a need question (\`need\`) is not scored and puts nothing on the checklist: remove \`${field}\``, 'key'));
    }
    return problems;
  }
  for (const field of ['severity', 'fix'] as const) {
    // `severty: major` is already reported as a typo with "did you mean `severity`?"; "missing" on top would be noise.
    const typoed = Object.keys(item).some((key) => !ITEM_KEYS.includes(key) && suggestion(key, [field]) === field);
    if (item[field] === undefined && !typoed) problems.push(problemAt(yaml, at, `missing required field \`${field}\` (only a need question, with \`need\`, goes without one)`, 'key'));
  }
  const clause = item.clause;
  if (isMapping(clause)) {
    const defined = ['group', 'text', 'position'].filter((f) => clause[f] !== undefined);
    if (clause.id === undefined) {
      for (const field of ['group', 'text']) {
        const typoed = Object.keys(clause).some((key) => !CLAUSE_KEYS.includes(key) && suggestion(key, [field]) === field);
        if (clause[field] === undefined && !typoed) problems.push(problemAt(yaml, [...at, 'clause'], `missing required field \`${field}\` in \`clause\` (or give only an \`id\` to feed a clause defined elsewhere)`, 'key'));
      }
    } else if (defined.length > 0 && (clause.group === undefined || clause.text === undefined)) {
      problems.push(problemAt(yaml, [...at, 'clause'], 'a clause is either defined in full (`id`, `group`, `text`, `position`) or named by its `id` alone', 'key'));
    }
    if (item.stage === 'onboarding') problems.push(problemAt(yaml, [...at, 'clause'], 'an onboarding item comes after signing, so it cannot put a clause in the contract: remove `clause` or `stage`', 'key'));
  }
  if (item.legal === true && (!Array.isArray(item.sources) || item.sources.length === 0)) {
    problems.push(problemAt(yaml, [...at, 'legal'], 'a legal item needs `sources` that cite the law itself (such as "GDPR Art. 28(3)")', 'key'));
  }
  return problems;
}
