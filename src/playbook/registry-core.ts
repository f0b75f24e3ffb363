import { existsSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError, InvalidDataError, type Problem } from '../errors.js';
import { packageFile } from '../package-files.js';
import { describeFsError, readSource, type SourceText } from '../source/read.js';
import { lazyYamlDoc, problemAt, type YamlDoc } from '../source/yaml-positions.js';
import type { ParsedPlaybook, PlaybookParse } from './load.js';
import { cachedPlaybook, digest as bundledDigest } from './bundled-cache.js';
import type { CachedPlaybook, PlaybookCache } from '../io/playbook-cache.js';
import { linkClauses } from './clause-links.js';
import { itemKey, resolveWhenTarget, type ItemKey } from './model.js';
import type { Item, Playbook, Section } from './schema.js';

export type Origin = 'bundled' | 'custom';

export interface LoadedPlaybook extends ParsedPlaybook {
  origin: Origin;
  /** Known without reading the sections, which a cached playbook loads only when used. */
  itemCount: number;
  /** The bundled file this custom playbook replaces, if any. */
  replaces: string | null;
}

export interface Registry {
  playbooks: LoadedPlaybook[];
  problems: Problem[];
}

export interface RegistryOptions {
  /** Folder of the bundled playbooks; null leaves them out. */
  bundledDir: string | null;
  /** Folders or files given with --playbooks, OUTSOURCE_CHECK_PLAYBOOKS or `validate PATH`. */
  custom: readonly string[];
  /** Parsed custom playbooks from earlier runs (src/io/playbook-cache.ts); null or absent: parse every file. */
  cache?: PlaybookCache | null;
  /** Parse every custom file afresh even if the cache has it (`playbooks validate`), and refresh the cache. */
  fresh?: boolean;
  /**
   * Parses and validates a file that no cache holds (load.ts). Without it,
   * such a file throws ParserNeeded, and the caller loads the parser and the
   * registry again: the CLI loads the schema library and the YAML readers
   * only when a file must be read that way (src/cli/registry.ts).
   */
  parse?: PlaybookParser;
}

export type PlaybookParser = (source: SourceText) => PlaybookParse;

/** A file must be parsed and no parser was given; nothing has been written yet, so loading again with one is safe. */
export class ParserNeeded extends Error {
  constructor(file: string) {
    super(`${file}: a parser is needed to load it`);
    this.name = 'ParserNeeded';
  }
}

function parserOf(options: RegistryOptions, file: string): PlaybookParser {
  if (!options.parse) throw new ParserNeeded(file);
  return options.parse;
}

/** Finds the `playbooks/` folder shipped beside the code, from the built bundle or from the sources. */
export function bundledPlaybooksDir(): string {
  const dir = packageFile('playbooks');
  if (dir && existsSync(dir)) return dir;
  throw new InputError('playbooks/', 'the bundled playbooks are missing; reinstall outsource-check');
}

/** Splits OUTSOURCE_CHECK_PLAYBOOKS the way PATH is split on this platform. */
export function playbookPathsFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(path.delimiter).filter((p) => p.trim() !== '');
}

/**
 * A file named on its own is read whatever it is (`--playbooks <(…)` is a
 * pipe); in a folder, only regular files are: a FIFO there would wait for a
 * writer forever, so it is skipped with a warning, never opened.
 */
function yamlFilesIn(target: string, problems: Problem[]): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch (error) {
    throw new InputError(target, describeFsError(error), { cause: error });
  }
  if (!stat.isDirectory()) return [target];
  const files: string[] = [];
  for (const name of readdirSync(target).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
    const file = path.join(target, name);
    let regular = false;
    try {
      regular = statSync(file).isFile();
    } catch {
      // vanished, or a link to nothing: readSource says which
      regular = true;
    }
    if (regular) files.push(file);
    else problems.push({ file, line: 1, col: 1, message: 'not a regular file; skipped', level: 'warning' });
  }
  return files;
}

/** Each registry's options, whose parser can be supplied after loading (supplyParser). */
const optionsOf = new WeakMap<Registry, RegistryOptions>();

/**
 * Gives a registry loaded without a parser one after all: a cached playbook
 * whose sections turn out damaged when first read parses its file with it.
 */
export function supplyParser(registry: Registry, parse: PlaybookParser): void {
  const options = optionsOf.get(registry);
  if (options) options.parse = parse;
}

export function loadRegistry(given: RegistryOptions): Registry {
  // A copy: supplyParser may add the parser later, for the sections a cached playbook reads on first use.
  const options: RegistryOptions = { ...given };
  const problems: Problem[] = [];
  const byId = new Map<string, LoadedPlaybook>();
  // What was loaded, in order: with the cache, a set found clean before need not be checked across playbooks again.
  const loadedKeys: string[] = [];

  const add = (file: string, origin: Origin, inFolder = false): void => {
    const loaded = origin === 'bundled' ? loadBundled(file, options) : loadCustom(file, options);
    if (!loaded) return;
    const { parse: result, key } = loaded;
    const { parsed, problems: found } = result;
    if (inFolder && result.other) {
      // A session or answers file saved next to one's playbooks is not a broken playbook: say so and go on.
      problems.push({ file, line: 1, col: 1, message: `skipped: this is an outsource-check ${result.other}, not a playbook`, level: 'warning' });
      return;
    }
    problems.push(...found);
    if (!parsed) return;
    loadedKeys.push(`${origin}\0${file}\0${key}`);
    const id = parsed.playbook.id;
    const existing = byId.get(id);
    if (existing && existing.origin === 'custom') {
      const first = problemAt(existing.yaml, ['id'], '');
      problems.push(problemAt(parsed.yaml, ['id'], `playbook id \`${id}\` is already used by ${existing.file}:${first.line}:${first.col}`));
      return;
    }
    if (existing && origin === 'bundled') {
      problems.push(problemAt(parsed.yaml, ['id'], `two bundled playbooks use the id \`${id}\``));
      return;
    }
    byId.set(id, Object.assign(parsed, { origin, replaces: existing ? existing.file : null, itemCount: loaded.itemCount ?? countItems(parsed.playbook) }));
  };

  const files: { file: string; origin: Origin; inFolder: boolean }[] = [];
  if (options.bundledDir) for (const file of yamlFilesIn(options.bundledDir, problems)) files.push({ file, origin: 'bundled', inFolder: false });
  for (const target of options.custom) {
    const found = yamlFilesIn(target, problems);
    // A file named on its own must be a playbook; one that lies in a folder may be something else, skipped with a notice.
    for (const file of found) files.push({ file, origin: 'custom', inFolder: found.length !== 1 || found[0] !== target });
  }
  for (const { file, origin, inFolder } of onePerRealFile(files)) add(file, origin, inFolder);

  const sorted = [...byId.values()].sort(readingOrder);
  // A cached playbook known to have no clause id neither defines nor names a clause: linking would only read its sections.
  const linkable = sorted.filter((p) => !withoutClauseIds.has(p.playbook));
  const linked = linkClauses(linkable);
  const relinked = new Map<LoadedPlaybook, LoadedPlaybook>(linkable.map((p, i) => [p, linked.playbooks[i]!]));
  const playbooks = sorted.map((p) => relinked.get(p) ?? p);
  problems.push(...linked.problems);
  const cache = options.cache;
  const setKey = cache ? cache.keyOf(loadedKeys.join('\n')) : '';
  // The checks across playbooks need every item; a set of files that passed them before is not read that far again.
  if (!cache || options.fresh || !cache.setChecked(setKey)) {
    const cross = crossPlaybookProblems(playbooks);
    problems.push(...cross);
    if (cache && !problems.some((p) => p.level === 'error')) cache.markSetChecked(setKey);
  }
  cache?.flush();
  const registry = { playbooks, problems };
  optionsOf.set(registry, options);
  return registry;
}

const countItems = (p: Playbook): number => p.sections.reduce((n, s) => n + s.items.length, 0);

interface Loaded {
  parse: PlaybookParse;
  /** What identifies this content: the text's digest. */
  key: string;
  itemCount?: number;
}

function read(file: string): { source: SourceText } | { problems: Problem[] } {
  const result = readSource(file);
  return result.ok ? { source: result.source } : { problems: result.problems };
}

/** The build parsed and validated the bundled files; a file whose text changed since is parsed as usual. */
function loadBundled(file: string, options: RegistryOptions): Loaded | null {
  const r = read(file);
  if ('problems' in r) return { parse: { parsed: null, problems: r.problems }, key: '' };
  const cached = cachedPlaybook(r.source.file, r.source.text);
  return { parse: cached ? { parsed: cached, problems: [] } : parserOf(options, file)(r.source), key: bundledDigest(r.source.text) };
}

/**
 * A custom playbook from the cache if this exact text was accepted before;
 * otherwise parsed, and cached when valid. An unchanged file (by its stat)
 * is not read at all, and its sections are read from the cache only when a
 * command uses them; its text is read again only to point at a problem.
 */
function loadCustom(file: string, options: RegistryOptions): Loaded | null {
  const cache = options.cache;
  if (!cache) {
    const r = read(file);
    return 'problems' in r ? { parse: { parsed: null, problems: r.problems }, key: '' } : { parse: parserOf(options, file)(r.source), key: '' };
  }
  let stat: Stats | null = null;
  try {
    stat = statSync(file);
  } catch {
    // readSource below says what is wrong with it
  }
  let key = stat && !options.fresh ? cache.keyByStat(file, stat) : null;
  let source: SourceText | null = null;
  if (!key) {
    const r = read(file);
    if ('problems' in r) return { parse: { parsed: null, problems: r.problems }, key: '' };
    source = r.source;
    key = cache.keyOf(source.text);
  }
  const hit = options.fresh ? null : cache.get(key);
  if (hit) {
    const playbook = lazyPlaybook(hit, () => sectionsFromSource(file, source, options));
    if (stat && source) cache.record(file, stat, key);
    let yaml: YamlDoc | null = null;
    const parsed = {
      playbook,
      file,
      get yaml(): YamlDoc {
        return (yaml ??= lazyYamlDoc((source ??= sourceOf(file))));
      },
    };
    return { parse: { parsed, problems: hit.warnings.map((w) => ({ ...w, file })) }, key, itemCount: hit.itemCount };
  }
  const parse = parserOf(options, file);
  source ??= sourceOf(file);
  const result = parse(source);
  if (result.parsed) {
    cache.put(key, { playbook: result.parsed.playbook, warnings: result.problems.map(({ file: _file, ...rest }) => rest) });
    if (stat) cache.record(file, stat, key);
  }
  return { parse: result, key };
}

function sourceOf(file: string): SourceText {
  const r = readSource(file);
  if (!r.ok) throw new InvalidDataError(r.problems);
  return r.source;
}

/** Cached playbooks whose items neither define nor name a clause by id (the cache says so without reading them). */
const withoutClauseIds = new WeakSet<Playbook>();

/** The cached playbook, its sections read from the cache on first use (or, should that entry be damaged, parsed from the file). */
function lazyPlaybook(hit: CachedPlaybook, fallback: () => Section[]): Playbook {
  const playbook = { ...hit.head } as Playbook;
  let sections: Section[] | null = null;
  Object.defineProperty(playbook, 'sections', {
    enumerable: true,
    configurable: true,
    get: () => (sections ??= hit.sections() ?? fallback()),
  });
  if (!hit.clauseIds) withoutClauseIds.add(playbook);
  return playbook;
}

function sectionsFromSource(file: string, known: SourceText | null, options: RegistryOptions): Section[] {
  const { parsed, problems } = parserOf(options, file)(known ?? sourceOf(file));
  if (!parsed) throw new InvalidDataError(problems);
  return parsed.playbook.sections;
}

/** A file's identity: the same file reached through a symlink, `..` or a second flag is still one file. */
export function realFile(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Each real file once, where it was named last: `--playbooks DIR` with
 * `validate DIR`, or the same folder in OUTSOURCE_CHECK_PLAYBOOKS under
 * another spelling, must not clash with itself or report every problem twice.
 * The last naming wins because later playbooks replace earlier ones, and
 * `validate PATH` comes last, so problems carry the spelling the user typed.
 */
function onePerRealFile<T extends { file: string }>(files: readonly T[]): T[] {
  const last = new Map<string, number>();
  files.forEach((f, i) => last.set(realFile(f.file), i));
  return files.filter((f, i) => last.get(realFile(f.file)) === i);
}

/** Skills, then focus areas, then custom playbooks; the bundled ones in the order a founder meets them. */
const KIND_ORDER = ['skill', 'focus-area', 'custom'];
const BUNDLED_ORDER = ['communication', 'negotiation', 'project-management', 'contract-legal', 'adaptability', 'alignment', 'growth', 'management'];

function readingOrder(a: LoadedPlaybook, b: LoadedPlaybook): number {
  const rank = (p: LoadedPlaybook) => {
    const i = BUNDLED_ORDER.indexOf(p.playbook.id);
    return i === -1 ? BUNDLED_ORDER.length : i;
  };
  // Ids are kebab-case ASCII, where code-unit order is the collation order; localeCompare's first call loads ICU's collator (5 ms).
  const [x, y] = [a.playbook.id, b.playbook.id];
  return KIND_ORDER.indexOf(a.playbook.kind) - KIND_ORDER.indexOf(b.playbook.kind) || rank(a) - rank(b) || (x < y ? -1 : x > y ? 1 : 0);
}

export interface ItemRef {
  playbook: Playbook;
  item: Item;
  key: ItemKey;
  sectionIndex: number;
  itemIndex: number;
}

export function indexItems(playbooks: readonly { playbook: Playbook }[]): Map<ItemKey, ItemRef> {
  const index = new Map<ItemKey, ItemRef>();
  for (const { playbook } of playbooks) {
    playbook.sections.forEach((section, sectionIndex) =>
      section.items.forEach((item, itemIndex) => {
        const key = itemKey(playbook.id, item.id);
        index.set(key, { playbook, item, key, sectionIndex, itemIndex });
      }),
    );
  }
  return index;
}

/** `when` targets in other playbooks, and `when` cycles, can only be checked once every playbook is loaded. */
function crossPlaybookProblems(playbooks: readonly LoadedPlaybook[]): Problem[] {
  const problems: Problem[] = [];
  const index = indexItems(playbooks);
  const fileOf = new Map(playbooks.map((p) => [p.playbook.id, p]));
  const whenPath = (ref: ItemRef) => ['sections', ref.sectionIndex, 'items', ref.itemIndex, 'when', 'item'];

  const edges = new Map<ItemKey, ItemKey>();
  for (const ref of index.values()) {
    const when = ref.item.when;
    if (!when) continue;
    const target = resolveWhenTarget(ref.playbook.id, when.item);
    const loaded = fileOf.get(ref.playbook.id);
    if (!loaded) continue;
    if (!index.has(target)) {
      const [pb] = target.split('/');
      const message = fileOf.has(pb ?? '')
        ? `\`when\` names item \`${target}\`, which playbook \`${pb}\` does not have`
        : `\`when\` names playbook \`${pb}\`, which is not loaded`;
      // Same-playbook misses were already reported by the file's own checks.
      if (when.item.includes('/')) problems.push(problemAt(loaded.yaml, whenPath(ref), message));
      continue;
    }
    edges.set(ref.key, target);
  }

  for (const cycle of whenCycles(edges)) {
    cycle.forEach((key, at) => {
      const ref = index.get(key);
      const loaded = ref && fileOf.get(ref.playbook.id);
      if (!ref || !loaded) return;
      problems.push(problemAt(loaded.yaml, whenPath(ref), `\`when\` conditions form a cycle: ${cycleText(cycle, at)}`));
    });
  }
  return problems;
}

/**
 * Every cycle among `when` edges, each once, in the order they are met. Each
 * item has at most one `when`, so a walk from any item either ends or loops;
 * items are coloured as they are walked (on this walk, or done), so each is
 * walked once and the check is linear in the number of items.
 */
export function whenCycles(edges: ReadonlyMap<ItemKey, ItemKey>): ItemKey[][] {
  const done = new Set<ItemKey>();
  const cycles: ItemKey[][] = [];
  for (const start of edges.keys()) {
    const walk: ItemKey[] = [];
    const onWalk = new Map<ItemKey, number>();
    let at: ItemKey | undefined = start;
    while (at !== undefined && !done.has(at) && !onWalk.has(at)) {
      onWalk.set(at, walk.length);
      walk.push(at);
      at = edges.get(at);
    }
    if (at !== undefined && onWalk.has(at)) cycles.push(walk.slice(onWalk.get(at)));
    for (const key of walk) done.add(key);
  }
  return cycles;
}

/** A cycle read from its item `from`, as `a → b → a`; a long one is cut in the middle, so each of its problems stays one short line. */
function cycleText(cycle: readonly ItemKey[], from: number): string {
  const n = cycle.length;
  const key = (i: number): string => cycle[(from + i) % n]!;
  const indices = n <= 8 ? [...Array(n).keys()] : [0, 1, 2, -1, n - 2, n - 1];
  return [...indices.map((i) => (i === -1 ? `… ${n - 5} more …` : key(i))), key(0)].join(' → ');
}
