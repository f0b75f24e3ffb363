import type { Problem } from '../errors.js';
import { didYouMean } from '../source/suggest.js';
import { problemAt, type YamlDoc } from '../source/yaml-positions.js';
import type { Item, Playbook } from './schema.js';

interface Loaded {
  playbook: Playbook;
  file: string;
  yaml: YamlDoc;
}

const clausePath = (s: number, i: number) => ['sections', s, 'items', i, 'clause', 'id'];

/**
 * Clause ids join items across playbooks, so they can only be checked once
 * every playbook is loaded: each id is defined by exactly one item, and every
 * item that names an id alone finds its definition. The returned playbooks
 * carry the definition on every feeding item, so a check that uses only some
 * playbooks still knows each clause's group, text and position.
 */
export function linkClauses<T extends Loaded>(loaded: readonly T[]): { playbooks: T[]; problems: Problem[] } {
  const problems: Problem[] = [];
  // Where each definition is, as a path: its line and column are looked up only for a duplicate, since
  // finding them parses the file with positions, which a cached playbook otherwise never needs.
  const definitions = new Map<string, { clause: NonNullable<Item['clause']>; yaml: () => YamlDoc; path: (string | number)[] }>();
  for (const entry of loaded) {
    const { playbook } = entry;
    playbook.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const clause = item.clause;
        if (!clause?.id || !clause.group || !clause.text) return;
        const first = definitions.get(clause.id);
        if (first) {
          const where = problemAt(first.yaml(), first.path, '');
          problems.push(problemAt(entry.yaml, clausePath(s, i), `clause \`${clause.id}\` is already defined at ${where.file}:${where.line}:${where.col}; define it once and name it by \`id\` alone elsewhere`));
          return;
        }
        // `entry.yaml` may be a getter that reads the file again (a cached custom playbook): not touched here.
        definitions.set(clause.id, { clause, yaml: () => entry.yaml, path: clausePath(s, i) });
      }),
    );
  }
  const ids = [...definitions.keys()];
  const playbooks = loaded.map((entry) => {
    let changed = false;
    const sections = entry.playbook.sections.map((section, s) => ({
      ...section,
      items: section.items.map((item, i) => {
        const clause = item.clause;
        if (!clause?.id || clause.group) return item;
        const definition = definitions.get(clause.id);
        if (!definition) {
          problems.push(problemAt(entry.yaml, clausePath(s, i), `no loaded playbook defines clause \`${clause.id}\`${didYouMean(clause.id, ids)}; one item must give its \`group\`, \`text\` and \`position\``));
          return item;
        }
        changed = true;
        return { ...item, clause: { ...definition.clause } };
      }),
    }));
    return changed ? withPlaybook(entry, { ...entry.playbook, sections }) : entry;
  });
  return { playbooks, problems };
}

/** A copy of `entry` with another playbook; its other properties keep their getters (a lazy `yaml` stays unread). */
function withPlaybook<T extends Loaded>(entry: T, playbook: Playbook): T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(entry)) as T;
  return Object.defineProperty(copy, 'playbook', { value: playbook, enumerable: true, writable: true, configurable: true });
}
