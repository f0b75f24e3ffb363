import type { Problem } from '../errors.js';
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
          : `unknown format ${JSON.stringify(format)}; this version reads \`${ANSWERS_FORMAT}\``;
    return { parsed: null, problems: [problemAt(yaml, format === undefined ? [] : ['format'], message)] };
  }
  const result = answersSchema.safeParse(value);
  if (!result.success) return { parsed: null, problems: [...warnings, ...zodProblems(yaml, result.error, answersKeysAt)] };
  return { parsed: { file: source.file, answers: result.data, yaml }, problems: warnings };
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
  const keysOf = (list: readonly Playbook[]) => list.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => `${p.id}/${i.id}`)));
  const selectedKeys = new Set(keysOf(playbooks));
  // Every loaded playbook's items only when an answer is not for a chosen one: a cached playbook reads its items on first use.
  let all: { keys: string[]; known: Set<string> } | null = null;
  const everything = () => (all ??= ((keys) => ({ keys, known: new Set(keys) }))(keysOf(loaded)));
  const unknownAnswers: UnknownAnswer[] = [];
  for (const [key, entry] of Object.entries(answers.answers ?? {})) {
    const playbookId = key.split('/')[0] ?? '';
    if (selectedKeys.has(key)) continue;
    const { keys: allKeys, known } = everything();
    if (known.has(key)) {
      if (!selected.has(playbookId)) {
        problems.push(problemAt(yaml, ['answers', key], `answer for \`${key}\` is ignored: playbook \`${playbookId}\` is not in \`playbooks\``, 'key', 'warning'));
      }
      continue;
    }
    const usable = suggestion(key, allKeys);
    const { value, note } = normalizeEntry(entry);
    unknownAnswers.push({ key, answer: value, note, suggestion: usable });
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
