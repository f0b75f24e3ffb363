import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { Problem } from '../errors.js';
import type { SourceText } from './read.js';
import { yamlLib } from './yaml-lib.js';

/**
 * Where a value is in a YAML file, for the problems that point at it. No
 * YAML reader is loaded here: the `yaml` package, which knows positions, is
 * required only when a position is asked for, so code that holds validated
 * playbooks (from the build's or the parsed-playbook cache) can say where
 * something is without paying for a parser until it must.
 */

/** A parsed YAML document that can still answer "where is this value?". */
export interface YamlDoc {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
}

export type Path = readonly PropertyKey[];

/**
 * `!!float 3` is the float 3 in YAML 1.2, but the library's core schema only
 * resolves an explicit `!!float` for text that already looks like a float
 * (`3.0`), and leaves `3` as the text "3" with a warning. A tag without a
 * default is tried first for an explicit tag, so this one wins there, and
 * plain scalars still resolve by the core schema's own rules.
 */
const explicitFloat = {
  tag: 'tag:yaml.org,2002:float',
  resolve(value: string, onError: (message: string) => void): number | string {
    const text = value.replace(/_/g, '');
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
    onError(`\`!!float\` needs a number, not \`${value}\``);
    return value;
  },
};

/**
 * The one reading of a document, YAML 1.2 core schema, whatever its header
 * says: `schema` given here overrides the one a `%YAML 1.1` directive would
 * pick, so `yes` stays text and `017` is seventeen (the directive gets a
 * warning, not a second meaning). uniqueKeys is off because the library
 * checks it pairwise, which is quadratic in a 10,000-answer mapping;
 * duplicateKeys() does the same check with a set. logLevel 'error':
 * otherwise the library prints its own warnings straight to stderr.
 */
export function composeOptions(): ConstructorParameters<typeof import('yaml').Composer>[0] {
  return { schema: 'core', customTags: [explicitFloat], uniqueKeys: false, logLevel: 'error' };
}

/** A YamlDoc whose parse happens on first use: positions are only needed to report a problem. */
export function lazyYamlDoc(source: SourceText): YamlDoc {
  let full: YamlDoc | null = null;
  const get = (): YamlDoc => {
    if (!full) {
      const { Composer, LineCounter, Parser } = yamlLib();
      const lines = new LineCounter();
      const doc = new Composer(composeOptions()).compose(new Parser(lines.addNewLine).parse(source.text), true, source.text.length).next().value as Document;
      full = { file: source.file, text: source.text, doc, lines };
    }
    return full;
  };
  return {
    file: source.file,
    text: source.text,
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
  };
}

interface Located {
  node: Node | null;
  /** The pair whose value is `node`, when the last path step was a map key. */
  pair: Pair | null;
}

export function resolve(yaml: YamlDoc, node: unknown): unknown {
  return yamlLib().isAlias(node) ? node.resolve(yaml.doc) : node;
}

/**
 * Each mapping's keys, indexed on first use: a file with 30,000 problems in one
 * mapping (unknown answer keys, say) would otherwise search it once per problem.
 */
const keyIndexes = new WeakMap<object, Map<string, Pair>>();

function pairOf(map: { items: Pair[] }, step: PropertyKey): Pair | undefined {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    const { isScalar } = yamlLib();
    // The first of repeated keys, as a linear search would find it.
    for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    keyIndexes.set(map, index);
  }
  return index.get(String(step));
}

/** Follows `path` as far as the document goes, returning the deepest node reached. */
export function locate(yaml: YamlDoc, path: Path): { found: Located; complete: boolean } {
  const { isMap, isPair, isSeq } = yamlLib();
  let current: unknown = yaml.doc.contents;
  let found: Located = { node: (current as Node | null) ?? null, pair: null };
  for (const step of path) {
    current = resolve(yaml, current);
    if (isMap(current)) {
      const pair = pairOf(current, step);
      if (!pair) return { found, complete: false };
      found = { node: (pair.value as Node | null) ?? (pair.key as Node), pair };
      current = pair.value;
    } else if (isSeq(current) && typeof step === 'number') {
      const item = current.items[step];
      if (item === undefined) return { found, complete: false };
      found = { node: isPair(item) ? (item.key as Node) : (item as Node), pair: null };
      current = item;
    } else {
      return { found, complete: false };
    }
  }
  return { found, complete: true };
}

export function positionOf(yaml: YamlDoc, path: Path, target: 'value' | 'key' = 'value'): { line: number; col: number } {
  const { found } = locate(yaml, path);
  const node = target === 'key' && found.pair ? (found.pair.key as Node) : found.node;
  const offset = node?.range?.[0] ?? 0;
  return yaml.lines.linePos(offset);
}

export function problemAt(yaml: YamlDoc, path: Path, message: string, target: 'value' | 'key' = 'value', level: Problem['level'] = 'error'): Problem {
  const { line, col } = positionOf(yaml, path, target);
  return { file: yaml.file, line, col, message, level };
}

/** Sorts problems by file, then position, so output reads top to bottom. */
export function byPosition(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
}
