import type { Problem } from '../errors.js';
import { ANSWER_VALUES } from '../playbook/model.js';
import type { Playbook } from '../playbook/schema.js';
import { readSource, type SourceText } from '../source/read.js';
import { readYaml, problemAt, zodProblems, type YamlDoc } from '../source/yaml.js';
import { didYouMean, suggestion } from '../source/suggest.js';
import { ANSWERS_FORMAT, answersKeysAt, answersSchema, type AnswersFile } from './answers-schema.js';
import { answerMap, normalizeEntry } from './answers.js';
import { assess, type Assessment, type UnknownAnswer } from './score.js';

export interface ParsedAnswers {
  file: string;
  answers: AnswersFile;
  yaml: YamlDoc;
}

export function loadAnswersFile(file: string): { parsed: ParsedAnswers | null; problems: Problem[] } {
  const read = readSource(file);
  if (!read.ok) return { parsed: null, problems: read.problems };
  return parseAnswers(read.source);
}

export function parseAnswers(source: SourceText): { parsed: ParsedAnswers | null; problems: Problem[] } {
  const fail = (message: string) => ({ parsed: null, problems: [{ file: source.file, line: 1, col: 1, message, level: 'error' as const }] });
  if (source.text.trim() === '') return fail(`the file is empty; an answers file starts with \`format: ${ANSWERS_FORMAT}\` (\`outsource-check template\` writes one)`);
  const parsed = readYaml(source);
  if (!parsed.ok) return { parsed: null, problems: parsed.problems };
  const { yaml, value, warnings } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { parsed: null, problems: [problemAt(yaml, [], `an answers file must be a mapping of fields, starting with \`format: ${ANSWERS_FORMAT}\``)] };
  }
  const format = (value as Record<string, unknown>).format;
  if (format !== ANSWERS_FORMAT) {
    const message =
      format === undefined
        ? `missing required field \`format\`; this version reads \`${ANSWERS_FORMAT}\``
        : typeof format === 'string' && format.startsWith('outsource-check/playbook@')
          ? 'this is a playbook, not an answers file'
          : typeof format === 'string' && format.startsWith('outsource-check/report@')
            ? 'this is a saved report (`--json`), not an answers file: `compare` reads it; `report` needs the answers or session file it was made from'
          : `unknown format ${JSON.stringify(format)}; this version reads \`${ANSWERS_FORMAT}\``;
    return { parsed: null, problems: [problemAt(yaml, format === undefined ? [] : ['format'], message)] };
  }
  const result = answersSchema.safeParse(normalizeAnswers(value as Record<string, unknown>));
  const protoKeys = protoKeyProblems(yaml, value as Record<string, unknown>);
  if (!result.success || protoKeys.length > 0) return { parsed: null, problems: [...warnings, ...protoKeys, ...(result.success ? [] : [...zodProblems(yaml, result.error, answersKeysAt), ...untouchedTemplate(yaml, value as Record<string, unknown>)])] };
  return { parsed: { file: source.file, answers: result.data, yaml }, problems: warnings };
}

/**
 * The parsers keep a `__proto__` key as an own property, but a zod record
 * copies entries by assignment, where `__proto__` sets the prototype instead:
 * the entry would vanish without a word. So the records are checked first.
 */
function protoKeyProblems(yaml: YamlDoc, value: Record<string, unknown>): Problem[] {
  const has = (v: unknown) => v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, '__proto__');
  const problems: Problem[] = [];
  if (has(value.answers)) problems.push(problemAt(yaml, ['answers', '__proto__'], 'an answer key must be `playbook-id/item-id` in lower-case kebab-case, such as `communication/one-page-brief`', 'key'));
  const versions = (value.meta as Record<string, unknown> | undefined)?.playbook_versions;
  if (has(versions)) problems.push(problemAt(yaml, ['meta', 'playbook_versions', '__proto__'], '`__proto__` is not a playbook id', 'key'));
  return problems;
}

/** How people write "not applicable" by hand; any case. */
const NA_SPELLINGS = new Set(['n/a', 'n.a.', 'not applicable', 'not-applicable']);

/**
 * People write `Yes`, `YES` or `N/A`: each is read as the canonical value, so
 * a session saved from it is written back as `yes` or `na`. Booleans are left
 * alone, so `true` and `false` still get their did-you-mean.
 */
export function canonicalAnswer(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (NA_SPELLINGS.has(word)) return 'na';
  return (ANSWER_VALUES as readonly string[]).includes(word) ? word : value;
}

function normalizeAnswers(value: Record<string, unknown>): Record<string, unknown> {
  const answers = value.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return value;
  const fixed = Object.fromEntries(
    Object.entries(answers).map(([key, entry]) => {
      if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && 'answer' in entry) return [key, { ...entry, answer: canonicalAnswer((entry as { answer: unknown }).answer) }];
      return [key, canonicalAnswer(entry)];
    }),
  );
  return { ...value, answers: fixed };
}

/** A template as `template` wrote it fails on its empty vendor; say too that every answer is still to give. */
function untouchedTemplate(yaml: YamlDoc, value: Record<string, unknown>): Problem[] {
  const answers = value.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return [];
  const entries = Object.values(answers);
  if (entries.length === 0 || entries.some((e) => e !== null)) return [];
  return [problemAt(yaml, ['answers'], `none of the ${entries.length} questions is answered yet: answer each with yes, partly, no or na`, 'key', 'warning')];
}

export interface Selection {
  playbooks: Playbook[];
  unknownAnswers: UnknownAnswer[];
  problems: Problem[];
}

/**
 * Matches an answers file to the loaded playbooks: which playbooks it uses,
 * answers that no longer match an item (warned, kept in the report, never
 * dropped), and playbooks whose version moved since the answers were given.
 */
export function selectForAnswers(parsed: ParsedAnswers, loaded: readonly Playbook[]): Selection {
  const { answers, yaml } = parsed;
  const problems: Problem[] = [];
  const byId = new Map(loaded.map((p) => [p.id, p]));
  const ids = [...byId.keys()];

  let playbooks: Playbook[] = [...loaded];
  if (answers.playbooks) {
    playbooks = [];
    answers.playbooks.forEach((id, i) => {
      const found = byId.get(id);
      if (found) playbooks.push(found);
      else problems.push(problemAt(yaml, ['playbooks', i], `no loaded playbook has the id \`${id}\`${didYouMean(id, ids)}`));
    });
  }

  const selected = new Set(playbooks.map((p) => p.id));
  // Every loaded playbook's items only for answers that are not for a chosen one: a cached playbook reads its items on first use.
  const chosenKeys = new Set(playbooks.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => `${p.id}/${i.id}`))));
  const others = Object.fromEntries(Object.entries(answers.answers ?? {}).filter(([key]) => !chosenKeys.has(key)));
  const known = Object.keys(others).length > 0 ? new Set(loaded.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => `${p.id}/${i.id}`)))) : new Set<string>();
  for (const key of Object.keys(others)) {
    const playbookId = key.split('/')[0] ?? '';
    if (known.has(key) && !selected.has(playbookId)) {
      problems.push(problemAt(yaml, ['answers', key], `answer for \`${key}\` is ignored: playbook \`${playbookId}\` is not in \`playbooks\``, 'key', 'warning'));
    }
  }
  const unknownAnswers = unmatchedAnswers({ answers: others }, loaded);
  for (const { key, suggestion: usable } of unknownAnswers) {
    const playbookId = key.split('/')[0] ?? '';
    const why = byId.has(playbookId) ? `playbook \`${playbookId}\` has no such item` : `no playbook \`${playbookId}\` is loaded`;
    problems.push(problemAt(yaml, ['answers', key], `answer for \`${key}\` matches no item (${why}); it is kept in the report but not scored${usable ? `. Did you mean \`${usable}\`?` : ''}`, 'key', 'warning'));
  }

  for (const [id, version] of Object.entries(answers.meta?.playbook_versions ?? {})) {
    const current = byId.get(id);
    if (current && current.version !== version && selected.has(id)) {
      problems.push(problemAt(yaml, ['meta', 'playbook_versions', id], `these answers were given against ${id} ${version}; the loaded playbook is ${current.version}, so some questions may have changed`, 'value', 'warning'));
    }
  }
  return { playbooks, unknownAnswers, problems };
}

/** Answers whose key matches no item of the loaded playbooks (an item removed or renamed, a typo): kept and listed, never scored. */
export function unmatchedAnswers(answers: Pick<AnswersFile, 'answers'>, loaded: readonly Playbook[]): UnknownAnswer[] {
  if (Object.keys(answers.answers ?? {}).length === 0) return [];
  const allKeys = loaded.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => `${p.id}/${i.id}`)));
  const known = new Set(allKeys);
  const unknown: UnknownAnswer[] = [];
  for (const [key, entry] of Object.entries(answers.answers ?? {})) {
    if (known.has(key)) continue;
    const { value, note } = normalizeEntry(entry);
    unknown.push({ key, answer: value, note, suggestion: suggestion(key, allKeys) });
  }
  return unknown;
}

/**
 * Scores a parsed answers file against the loaded playbooks. The problems are
 * those of selectForAnswers: the caller decides whether errors stop it.
 */
export function assessParsed(parsed: ParsedAnswers, loaded: readonly Playbook[], now: Date, threshold?: number): { assessment: Assessment; problems: Problem[] } {
  const selection = selectForAnswers(parsed, loaded);
  const assessment = assess({
    playbooks: selection.playbooks,
    engagement: parsed.answers.engagement,
    answers: answerMap(parsed.answers),
    now,
    stage: parsed.answers.stage,
    quick: parsed.answers.quick,
    ...(threshold !== undefined ? { threshold } : {}),
    unknownAnswers: selection.unknownAnswers,
  });
  return { assessment, problems: selection.problems };
}
