import type { Alias, CST, Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { didYouMean, suggestion } from './suggest.js';
import type { core } from 'zod/mini';
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import type { Problem } from '../errors.js';
import type { SourceText } from './read.js';
// Checked cheaply on the text when it is read (depth.ts), then on the parser's tokens.
import { depthProblem, MAX_NESTING } from './depth.js';
import { composeOptions, lazyYamlDoc, locate, problemAt, resolve, type Path, type YamlDoc } from './yaml-positions.js';

// Positions without a parser live in yaml-positions.ts; this module adds the readers (js-yaml and the `yaml` package).
export { byPosition, composeOptions, lazyYamlDoc, locate, positionOf, problemAt, type Path, type YamlDoc } from './yaml-positions.js';

export { MAX_NESTING };

/** Aliases expand to at most this many nodes: enough for real reuse, far too few for a billion laughs. */
const MAX_ALIAS_COUNT = 100;

/** `warnings` never stop a load (a `%YAML 1.1` header, say); `validate` shows them. */
export type ParseResult = { ok: true; yaml: YamlDoc; value: unknown; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** One broken bracket can make the parser report the same error hundreds of times; past this many, the rest is noise. */
const MAX_SYNTAX_PROBLEMS = 20;

/**
 * Reads a YAML source for a loader, YAML 1.2 core schema, the same for every
 * command and for `playbooks validate`.
 *
 * Two parsers, one reading. The `yaml` package knows where every node is and
 * explains problems, but parses about five times slower than js-yaml, which
 * matters for folders of imported questionnaires on their first load (with
 * the `yaml` package alone, 40 playbooks of 10,000 items took 1.5 s of CPU
 * against 0.7 s, over the 1.5 s target; see docs/architecture.md). So a valid
 * document that uses none of the features where the two could differ
 * (directives, tags, aliases, overflowing numbers, null keys: see
 * `needsFullParser`) is read by js-yaml; everything else, and anything js-yaml
 * does not take without complaint, goes to the `yaml` package. A property
 * test over generated documents (tests/unit/yaml-dialect.test.ts) holds the
 * two to the same values.
 */
export function readYaml(source: SourceText, options: { maxAliasCount?: number } = {}): ParseResult {
  const deep = depthProblem(source.file, source.text);
  if (deep) return { ok: false, problems: [deep] };
  if (!needsFullParser(source.text)) {
    try {
      const value = fastLoad(source.text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: MAX_NESTING, filename: source.file });
      return { ok: true, yaml: lazyYamlDoc(source), value, warnings: [] };
    } catch {
      // fall through: the full parser says what is wrong, and where
    }
  }
  return parseYaml(source, options);
}

/**
 * Text that may use a feature the two parsers treat differently, or that
 * only the full parser reports on: a directive (`%YAML 1.1` gets a warning),
 * a tag (`!!float 3`, `!custom`), an anchor, an indentation indicator, a
 * tab starting a line, an explicit `?` key, a key that is null (`~:`, an empty key;
 * js-yaml names it "null", the `yaml` package ""), or a number too large for
 * a double (js-yaml keeps `1e400` as text, YAML 1.2 says infinity). Matching
 * more than needed costs only speed, so the patterns are loose (a `!` after
 * a space in prose sends a file to the slower parser, and that is all), and
 * each is cheap: together they take about a tenth of the parse.
 */
const FULL_PARSER_HINTS: readonly RegExp[] = [
  /^%/m,
  /[ \t[{,]!|^!/m,
  /(?:~|null|Null|NULL)[ \t]*:(?:[ \t,\]}]|$)/m,
  /(?:^|[[{,?-])[ \t]*:(?:[ \t,\]}]|$)/m,
  // An explicit key (`? `), which can be empty too.
  /(?:^[ \t]*|[-[{,][ \t]*)\?(?:[ \t]|$)/m,
  // An anchor: js-yaml takes `a: &x b: c`, which YAML (and the `yaml` package) does not.
  /(?:^|[ \t[{,])&[^ \t]/m,
  // A block scalar with an indentation indicator (`|2`): the two keep trailing lines of spaces differently.
  /[|>](?:[1-9][-+]?|[-+][1-9])[ \t]*(?:#.*)?$/m,
  // A tab at the start of a line: js-yaml lets some through (a block scalar's last line) that the `yaml` package refuses.
  /^ *\t/m,
  // Past a double: an exponent of 100 or more, or 200 digits in a row (with an exponent under 100, overflow needs over 209).
  /[0-9.][eE]\+?[0-9]{3}|[0-9]{200}|0x[0-9a-fA-F]{240}|0o[0-7]{300}/,
];

export function needsFullParser(text: string): boolean {
  return FULL_PARSER_HINTS.some((hint) => hint.test(text));
}

/**
 * Parses once into tokens, checks their depth, then composes the document
 * from the same tokens (what the library's parseDocument does, minus a
 * second tokenisation). `playbooks validate` and the import read every file
 * this way.
 */
export function parseYaml(source: SourceText, options: { maxAliasCount?: number } = {}): ParseResult {
  const tooDeepText = depthProblem(source.file, source.text);
  if (tooDeepText) return { ok: false, problems: [tooDeepText] };
  const { Composer, LineCounter, Parser, YAMLParseError } = yamlLib();
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(source.text)];
  const deep = tooDeep(tokens, lines);
  if (deep) return { ok: false, problems: [{ file: source.file, ...deep, message: `the document is nested too deeply to load (more than ${MAX_NESTING} levels)`, level: 'error' }] };
  const composer = new Composer(composeOptions());
  let doc: Document | null = null;
  for (const composed of composer.compose(tokens, true, source.text.length)) {
    if (!doc) doc = composed;
    else {
      doc.errors.push(new YAMLParseError([composed.range[0], composed.range[1]], 'MULTIPLE_DOCS', 'more than one document'));
      break;
    }
  }
  if (!doc) return { ok: false, problems: [{ file: source.file, line: 1, col: 1, message: 'the document is empty', level: 'error' }] };
  const yaml: YamlDoc = { file: source.file, text: source.text, doc, lines };
  const problems = capped(yaml, [...syntaxProblems(yaml), ...tagProblems(yaml), ...duplicateKeys(yaml), ...circularAliases(yaml)]);
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, yaml, value: doc.toJS({ maxAliasCount: options.maxAliasCount ?? MAX_ALIAS_COUNT }), warnings: directiveWarnings(yaml) };
  } catch (error) {
    return { ok: false, problems: [toJSProblem(yaml, error)] };
  }
}

/**
 * A tag the core schema cannot apply (`!!bool yes`, `!custom`) would leave
 * the value as text the author did not mean; it is an error, not a guess.
 */
function tagProblems(yaml: YamlDoc): Problem[] {
  return yaml.doc.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => {
      const { line, col } = w.linePos?.[0] ?? yaml.lines.linePos(w.pos[0]);
      const tag = /Unresolved tag: (\S+)/.exec(w.message)?.[1]?.replace('tag:yaml.org,2002:', '!!');
      const message = tag ? `the tag \`${tag}\` does not apply here (files are read as YAML 1.2 core); remove it` : yamlMessage(w.message, w.code);
      return { file: yaml.file, line, col, message, level: 'error' as const };
    });
}

/**
 * `a: &x { b: *x }` is a value that contains itself: the library builds it,
 * and every later walk over it (the schema check, the report) would never
 * end. Found by the dialect property test.
 */
function circularAliases(yaml: YamlDoc): Problem[] {
  if (!yaml.text.includes('*')) return [];
  const problems: Problem[] = [];
  yamlLib().visit(yaml.doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(yaml.doc);
      if (!target || !path.includes(target as never)) return;
      const { line, col } = yaml.lines.linePos(alias.range?.[0] ?? 0);
      problems.push({ file: yaml.file, line, col, message: `alias \`*${alias.source}\` is inside the node \`&${alias.source}\` names, so the value would contain itself`, level: 'error' });
    },
  });
  return problems;
}

/** Directives are read, never obeyed beyond YAML 1.2 core: a `%YAML 1.1` header is told so, once. */
function directiveWarnings(yaml: YamlDoc): Problem[] {
  const warnings: Problem[] = [];
  const at = (offset: number) => yaml.lines.linePos(offset);
  const version = yaml.doc.directives?.yaml;
  if (version?.explicit && version.version !== '1.2') {
    const offset = Math.max(0, yaml.text.indexOf('%YAML'));
    warnings.push({ file: yaml.file, ...at(offset), message: `\`%YAML ${version.version}\` is read as YAML 1.2 (core schema): \`yes\`, \`no\`, \`on\` and \`off\` stay text and \`017\` is seventeen; remove the header to silence this`, level: 'warning' });
  }
  for (const w of yaml.doc.warnings) {
    if (w.code !== 'BAD_DIRECTIVE') continue;
    const { line, col } = w.linePos?.[0] ?? at(w.pos[0]);
    warnings.push({ file: yaml.file, line, col, message: `${yamlMessage(w.message, w.code)}; it is ignored`, level: 'warning' });
  }
  return warnings;
}

/** Every repeated key in every mapping, at the repeat, in one pass. */
function duplicateKeys(yaml: YamlDoc): Problem[] {
  const problems: Problem[] = [];
  yamlLib().visit(yaml.doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!yamlLib().isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) {
          const { line, col } = yaml.lines.linePos(pair.key.range?.[0] ?? 0);
          problems.push({ file: yaml.file, line, col, message: `duplicate key \`${name}\`: each key may appear only once in a mapping`, level: 'error' });
        }
        seen.add(name);
      }
    },
  });
  return problems;
}

/** The position of a collection nested more than MAX_NESTING levels deep, if there is one. */
function tooDeep(tokens: readonly CST.Token[], lines: LineCounter): { line: number; col: number } | null {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of tokens) {
    if (token.type === 'document' && token.value) stack.push({ token: token.value, depth: 1 });
  }
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > MAX_NESTING) return lines.linePos(token.offset);
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return null;
}

function syntaxProblems(yaml: YamlDoc): Problem[] {
  const { doc, lines, file } = yaml;
  // Too deep to parse: the parser gives up there, and every error after it is a consequence.
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  const errors = exhausted ? [exhausted] : doc.errors;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
    const message = yamlMessage(error.message, error.code);
    const key = `${pos.line}:${pos.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, line: pos.line, col: pos.col, message, level: 'error' });
  }
  return problems;
}

/** Past MAX_SYNTAX_PROBLEMS, in position order, the rest is summed up in one line. */
function capped(yaml: YamlDoc, problems: Problem[]): Problem[] {
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
  const next = sorted[MAX_SYNTAX_PROBLEMS]!;
  const more = sorted.length - MAX_SYNTAX_PROBLEMS;
  return [...sorted.slice(0, MAX_SYNTAX_PROBLEMS), { file: yaml.file, line: next.line, col: next.col, message: `and up to ${more} more YAML syntax errors; fix the ones above first`, level: 'error' }];
}

/** Aliases are resolved only by toJS(), so their problems surface here rather than in doc.errors. */
function toJSProblem(yaml: YamlDoc, error: unknown): Problem {
  const text = error instanceof Error ? error.message : String(error);
  const at = (node: Node | null, message: string): Problem => {
    const { line, col } = yaml.lines.linePos(node?.range?.[0] ?? 0);
    return { file: yaml.file, line, col, message, level: 'error' };
  };
  if (/unresolved alias/i.test(text)) {
    const alias = findAlias(yaml, (a) => a.resolve(yaml.doc) === undefined);
    return at(alias, `alias \`*${alias?.source ?? '?'}\` names no anchor before it; define \`&${alias?.source ?? 'name'}\` first`);
  }
  if (/alias/i.test(text)) {
    return at(findAlias(yaml, () => true), `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); is this an alias bomb?`);
  }
  if (error instanceof RangeError) return at(null, 'the document is nested too deeply to load');
  return at(null, `cannot read the document: ${text}`);
}

function findAlias(yaml: YamlDoc, test: (alias: Alias) => boolean): Alias | null {
  let found: Alias | null = null;
  yamlLib().visit(yaml.doc, {
    Alias(_key, node) {
      if (!test(node)) return undefined;
      found = node;
      return yamlLib().visit.BREAK;
    },
  });
  return found;
}

function yamlMessage(message: string, code: string): string {
  if (code === 'RESOURCE_EXHAUSTION' || /Maximum call stack/.test(message)) return 'the document is nested too deeply to load';
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping';
  // The library's own advice here ("use parseAllDocuments") is meant for programmers, not playbook authors.
  if (code === 'MULTIPLE_DOCS') return 'a file holds one YAML document; remove this `---` and what follows, or move it to a file of its own';
  // The library appends " at line L, column C:" and a code frame; we give the position ourselves.
  const first = message.split(/ at line \d+, column \d+/)[0] ?? message;
  return first.trim();
}

class TypedNumber {
  constructor(readonly raw: string) {}
}

function describe(value: unknown): string {
  if (value instanceof TypedNumber) return `the number ${value.raw}`;
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function fieldName(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return parent === undefined ? `entry ${last + 1}` : `entry ${last + 1} of \`${String(parent)}\``;
  }
  return `\`${String(last ?? 'document')}\``;
}

/** The type names zod uses, in words a playbook author knows. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
  record: 'a mapping',
  map: 'a mapping',
};

/**
 * Turns zod issues into positioned problems. `knownKeys` lists, for a path,
 * the keys the schema allows there, so a typo gets a "did you mean".
 */
export function zodProblems(yaml: YamlDoc, error: core.$ZodError, knownKeys: (path: Path) => readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const typoed = typoedKeys(error, knownKeys);
  for (const issue of error.issues) {
    const path = issue.path as Path;
    if (issue.code !== 'unrecognized_keys' && !locate(yaml, path).complete) {
      const parentPath = path.slice(0, -1);
      // `severty: major` already says "did you mean `severity`?"; a second problem for the missing `severity` is noise.
      if (typoed.has(pathKey(path))) continue;
      const message = parentPath.length === 0 && yaml.doc.contents === null ? 'the document is empty' : `missing required field ${fieldName(path)}`;
      problems.push(problemAt(yaml, parentPath, message, 'key'));
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = knownKeys(path);
        for (const key of issue.keys) {
          const suffix = didYouMean(key, allowed) || ` (allowed: ${allowed.join(', ')})`;
          problems.push(problemAt(yaml, [...path, key], `unknown field \`${key}\`${suffix}`, 'key'));
        }
        break;
      }
      case 'invalid_type': {
        const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
        problems.push(problemAt(yaml, path, `${fieldName(path)} must be ${expected}, not ${describe(locateValue(yaml, path))}`));
        break;
      }
      case 'invalid_value': {
        const options = issue.values.map((v) => String(v));
        const input = locateValue(yaml, path);
        const suffix = typeof input === 'string' ? didYouMean(input, options) : '';
        problems.push(problemAt(yaml, path, `${fieldName(path)} must be one of ${options.join(', ')}, not ${describe(input)}${suffix}`));
        break;
      }
      case 'invalid_union': {
        // zod's own "Invalid input" says nothing; the form the value was meant to have says what is wrong with it.
        const branch = issue.message === 'Invalid input' ? meantBranch(issue.errors) : undefined;
        if (branch) problems.push(...zodProblems(yaml, { issues: branch.map((i) => ({ ...i, path: [...path, ...i.path] })) } as unknown as core.$ZodError, knownKeys));
        else problems.push(problemAt(yaml, path, issue.message));
        break;
      }
      case 'too_small': {
        // `positive()` is an exclusive minimum of 0: "at least 0" would tell the author 0 is fine.
        const bound = issue.inclusive === false ? 'greater than' : 'at least';
        const what = issue.origin === 'array' ? `needs at least ${String(issue.minimum)} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}` : issue.origin === 'string' ? 'must not be empty' : `must be ${bound} ${String(issue.minimum)}`;
        problems.push(problemAt(yaml, path, `${fieldName(path)} ${what}`));
        break;
      }
      case 'too_big': {
        const bound = issue.inclusive === false ? 'less than' : 'at most';
        const what = issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : issue.origin === 'array' ? `must have at most ${String(issue.maximum)} entries` : `must be ${bound} ${String(issue.maximum)}`;
        problems.push(problemAt(yaml, path, `${fieldName(path)} ${what}`));
        break;
      }
      case 'custom':
      case 'invalid_format':
        // Our schemas phrase format and refinement messages as "must …".
        problems.push(problemAt(yaml, path, `${fieldName(path)} ${issue.message}, not ${describe(locateValue(yaml, path))}`));
        break;
      default:
        problems.push(problemAt(yaml, path, `${fieldName(path)}: ${issue.message}`));
    }
  }
  return problems;
}

/**
 * Of a union's forms, the one the author meant: one that got past the value's
 * type into its fields (a mapping with a bad entry), else one that objects to
 * the value rather than to its type (a misspelt level, not "expected a mapping").
 */
function meantBranch(branches: readonly (readonly core.$ZodIssue[])[]): readonly core.$ZodIssue[] | undefined {
  return branches.find((issues) => issues.some((i) => i.path.length > 0)) ?? branches.find((issues) => issues.length > 0 && issues.every((i) => i.code !== 'invalid_type'));
}

function pathKey(path: Path): string {
  return JSON.stringify(path.map((step) => (typeof step === 'number' ? step : String(step))));
}

/** The paths of required fields that an unknown key in the same mapping is a likely typo of. */
function typoedKeys(error: core.$ZodError, knownKeys: (path: Path) => readonly string[]): Set<string> {
  const paths = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = knownKeys(issue.path as Path);
    if (allowed.length === 0) continue;
    for (const key of issue.keys) {
      const hint = suggestion(key, allowed);
      if (hint) paths.add(pathKey([...(issue.path as Path), hint]));
    }
  }
  return paths;
}

function locateValue(yaml: YamlDoc, path: Path): unknown {
  const { found, complete } = locate(yaml, path);
  if (!complete) return undefined;
  const node = resolve(yaml, found.node);
  const { isMap, isScalar, isSeq } = yamlLib();
  if (isScalar(node)) {
    // Show numbers as typed: `1.0` is the number 1 once parsed, which would puzzle the author.
    const raw = node.range ? yaml.text.slice(node.range[0], node.range[1]).trim() : '';
    return typeof node.value === 'number' && raw !== '' ? new TypedNumber(raw) : node.value;
  }
  return isSeq(node) ? [] : isMap(node) ? {} : null;
}
