import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { packageFile } from '../package-files.js';
import { describeFsError, readSource } from '../source/read.js';
import { problemAt } from '../source/yaml.js';
import { parsePlaybook, type ParsedPlaybook } from './load.js';
import { cachedPlaybook } from './bundled-cache.js';
import { linkClauses } from './clause-links.js';
import { itemKey, resolveWhenTarget, type Item, type ItemKey, type Playbook } from './schema.js';

export type Origin = 'bundled' | 'custom';

export interface LoadedPlaybook extends ParsedPlaybook {
  origin: Origin;
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
  /** Parse every file with the full YAML parser: what `playbooks validate` wants. */
  strict?: boolean;
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

export function loadRegistry(options: RegistryOptions): Registry {
  const problems: Problem[] = [];
  const byId = new Map<string, LoadedPlaybook>();

  const add = (file: string, origin: Origin, inFolder = false): void => {
    const read = readSource(file);
    if (!read.ok) {
      problems.push(...read.problems);
      return;
    }
    // The cache holds what the strict loader made of this exact text at build time, so strict mode may use it too.
    const cached = origin === 'bundled' ? cachedPlaybook(file, read.source.text) : null;
    const result = cached ? { parsed: cached, problems: [] } : parsePlaybook(read.source, { strict: options.strict === true });
    const { parsed, problems: found } = result;
    if (inFolder && 'other' in result && result.other) {
      // A session or answers file saved next to one's playbooks is not a broken playbook: say so and go on.
      problems.push({ file, line: 1, col: 1, message: `skipped: this is an outsource-check ${result.other}, not a playbook`, level: 'warning' });
      return;
    }
    problems.push(...found);
    if (!parsed) return;
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
    byId.set(id, { ...parsed, origin, replaces: existing ? existing.file : null });
  };

  const files: { file: string; origin: Origin; inFolder: boolean }[] = [];
  if (options.bundledDir) for (const file of yamlFilesIn(options.bundledDir, problems)) files.push({ file, origin: 'bundled', inFolder: false });
  for (const target of options.custom) {
    const found = yamlFilesIn(target, problems);
    // A file named on its own must be a playbook; one that lies in a folder may be something else, skipped with a notice.
    for (const file of found) files.push({ file, origin: 'custom', inFolder: found.length !== 1 || found[0] !== target });
  }
  for (const { file, origin, inFolder } of onePerRealFile(files)) add(file, origin, inFolder);

  const linked = linkClauses([...byId.values()].sort(readingOrder));
  problems.push(...crossPlaybookProblems(linked.playbooks), ...linked.problems);
  return { playbooks: linked.playbooks, problems };
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
  return KIND_ORDER.indexOf(a.playbook.kind) - KIND_ORDER.indexOf(b.playbook.kind) || rank(a) - rank(b) || a.playbook.id.localeCompare(b.playbook.id);
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
