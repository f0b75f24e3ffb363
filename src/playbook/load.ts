import type { Problem } from '../errors.js';
import { readSource, type SourceText } from '../source/read.js';
import { readYaml, problemAt, zodProblems, type YamlDoc } from '../source/yaml.js';
import { itemProblems } from './item-rules.js';
import { PLAYBOOK_FORMAT, PLAYBOOK_FORMATS, playbookKeysAt, playbookSchema, type Playbook } from './schema.js';

export interface ParsedPlaybook {
  playbook: Playbook;
  file: string;
  yaml: YamlDoc;
}

export interface PlaybookParse {
  parsed: ParsedPlaybook | null;
  problems: Problem[];
  /** Set when the file is another outsource-check file, which a folder of playbooks may hold beside them. */
  other?: 'answers file' | 'report';
}

const READABLE = PLAYBOOK_FORMATS.map((f) => `\`${f}\``).join(' or ');
const ANSWERS_FORMAT_PREFIX = 'outsource-check/answers@';
const REPORT_FORMAT_PREFIX = 'outsource-check/report@';

export function loadPlaybookFile(file: string): PlaybookParse {
  const read = readSource(file);
  if (!read.ok) return { parsed: null, problems: read.problems };
  return parsePlaybook(read.source);
}

/** Parses and validates one playbook on its own; checks across playbooks live in the registry. */
export function parsePlaybook(source: SourceText): PlaybookParse {
  if (source.text.trim() === '') {
    return {
      parsed: null,
      problems: [{ file: source.file, line: 1, col: 1, message: `the file is empty; a playbook starts with \`format: ${PLAYBOOK_FORMAT}\``, level: 'error' }],
    };
  }
  const parsed = readYaml(source);
  if (!parsed.ok) return { parsed: null, problems: parsed.problems };
  const { yaml, value, warnings } = parsed;

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { parsed: null, problems: [problemAt(yaml, [], `a playbook must be a mapping of fields, starting with \`format: ${PLAYBOOK_FORMAT}\``)] };
  }
  const format = (value as Record<string, unknown>).format;
  if (!(PLAYBOOK_FORMATS as readonly unknown[]).includes(format)) {
    const message =
      format === undefined
        ? `missing required field \`format\`; this version reads ${READABLE}`
        : typeof format === 'string' && format.startsWith(ANSWERS_FORMAT_PREFIX)
          ? 'this is an answers file, not a playbook'
          : `unknown format ${JSON.stringify(format)}; this version reads ${READABLE}`;
    const other = typeof format !== 'string' ? undefined : format.startsWith(ANSWERS_FORMAT_PREFIX) ? 'answers file' : format.startsWith(REPORT_FORMAT_PREFIX) ? 'report' : undefined;
    return { parsed: null, problems: [problemAt(yaml, format === undefined ? [] : ['format'], message, 'value')], ...(other ? { other } : {}) };
  }

  const problems: Problem[] = [...warnings];
  const result = playbookSchema.safeParse(value);
  if (!result.success) problems.push(...zodProblems(yaml, result.error, playbookKeysAt));
  problems.push(...duplicateIds(yaml, value as Record<string, unknown>));
  problems.push(...missingLocalWhenTargets(yaml, value as Record<string, unknown>));
  for (const { section, index: s } of rawSections(value as Raw)) {
    for (const { item, index: i } of rawItems(section)) problems.push(...itemProblems(yaml, item, ['sections', s, 'items', i]));
  }
  if (problems.some((p) => p.level === 'error') || !result.success) return { parsed: null, problems };
  return { parsed: { playbook: result.data, file: source.file, yaml }, problems };
}

type Raw = Record<string, unknown>;

function rawSections(value: Raw): Array<{ section: Raw; index: number }> {
  const sections = Array.isArray(value.sections) ? value.sections : [];
  return sections.flatMap((section, index) => (section && typeof section === 'object' && !Array.isArray(section) ? [{ section: section as Raw, index }] : []));
}

function rawItems(section: Raw): Array<{ item: Raw; index: number }> {
  const items = Array.isArray(section.items) ? section.items : [];
  return items.flatMap((item, index) => (item && typeof item === 'object' && !Array.isArray(item) ? [{ item: item as Raw, index }] : []));
}

/** Runs on the raw value so that id clashes are reported alongside schema problems, not after them. */
function duplicateIds(yaml: YamlDoc, value: Raw): Problem[] {
  const problems: Problem[] = [];
  const sectionIds = new Map<string, number>();
  const itemIds = new Map<string, [number, number]>();
  for (const { section, index: s } of rawSections(value)) {
    if (typeof section.id === 'string') {
      const first = sectionIds.get(section.id);
      if (first !== undefined) {
        const at = problemAt(yaml, ['sections', first, 'id'], '');
        problems.push(problemAt(yaml, ['sections', s, 'id'], `duplicate section id \`${section.id}\` (first used at line ${at.line})`));
      } else sectionIds.set(section.id, s);
    }
    for (const { item, index: i } of rawItems(section)) {
      if (typeof item.id !== 'string') continue;
      const first = itemIds.get(item.id);
      if (first !== undefined) {
        const at = problemAt(yaml, ['sections', first[0], 'items', first[1], 'id'], '');
        problems.push(problemAt(yaml, ['sections', s, 'items', i, 'id'], `duplicate item id \`${item.id}\` (first used at line ${at.line}); item ids must be unique in a playbook`));
      } else itemIds.set(item.id, [s, i]);
    }
  }
  return problems;
}

function missingLocalWhenTargets(yaml: YamlDoc, value: Raw): Problem[] {
  const ids = new Set<string>();
  for (const { section } of rawSections(value)) for (const { item } of rawItems(section)) if (typeof item.id === 'string') ids.add(item.id);
  const problems: Problem[] = [];
  for (const { section, index: s } of rawSections(value)) {
    for (const { item, index: i } of rawItems(section)) {
      const when = item.when as Raw | undefined;
      const ref = when && typeof when === 'object' ? when.item : undefined;
      if (typeof ref !== 'string' || ref.includes('/')) continue;
      if (!ids.has(ref)) {
        problems.push(problemAt(yaml, ['sections', s, 'items', i, 'when', 'item'], `\`when\` names item \`${ref}\`, which this playbook does not have`));
      }
    }
  }
  return problems;
}
