import { formatProblem, InvalidDataError, type Problem } from '../errors.js';
import { byPosition } from '../source/yaml-positions.js';
import { bundledPlaybooksDir, loadRegistry, ParserNeeded, playbookPathsFromEnv, supplyParser, type PlaybookParser, type Registry } from '../playbook/registry-core.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { openPlaybookCache, PLAYBOOK_CACHE_FOLDER } from '../io/playbook-cache.js';
import { stateSubfolder } from '../io/state.js';
import path from 'node:path';

/** Bundled playbooks, then OUTSOURCE_CHECK_PLAYBOOKS, then --playbooks: later ones replace earlier ids. */
export function customPlaybookPaths(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>): string[] {
  return [...playbookPathsFromEnv(ctx.env.OUTSOURCE_CHECK_PLAYBOOKS), ...options.playbooks].map((p) => path.resolve(ctx.cwd, p));
}

/** The parser (zod and the YAML readers), loaded only when a playbook must be read from its file. */
async function playbookParser(): Promise<PlaybookParser> {
  return (await import('../playbook/load.js')).parsePlaybook;
}

export interface RegistryLoad {
  /** Parse every custom playbook even if the cache has it (`playbooks validate`). */
  fresh?: boolean;
  /**
   * Whether the command reads the playbooks' sections outside
   * readingSections(). A cached custom playbook reads its sections from the
   * cache on first use and, should that entry turn out damaged, parses its
   * file then, so the parser is loaded beforehand. `playbooks list`, which
   * shows only what the cache's summary holds, and the commands that read
   * sections only through readingSections() say false, and load no parser
   * when every playbook is cached.
   */
  sections?: boolean;
}

export async function loadRegistryFor(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>, extra: readonly string[] = [], load: RegistryLoad = {}): Promise<Registry> {
  const { fresh = false, sections = true } = load;
  const custom = [...customPlaybookPaths(ctx, options), ...extra];
  // No custom playbooks, nothing to cache: the state folder is not even looked up.
  const dir = custom.length > 0 ? stateSubfolder(ctx.env, PLAYBOOK_CACHE_FOLDER, 'cache', { notice: (line) => ctx.stderr.write(`${line}\n`) }) : null;
  const cache = dir ? openPlaybookCache(dir) : null;
  const base = { bundledDir: bundledPlaybooksDir(), custom, cache, fresh };
  // Custom playbooks with no cache to read them from, or whose sections the command may read, need the parser anyway.
  const parse = custom.length > 0 && (fresh || !cache || sections) ? await playbookParser() : undefined;
  try {
    return loadRegistry(parse ? { ...base, parse } : base);
  } catch (error) {
    // A file no cache holds (an edited bundled playbook, a new custom one): load again, parser at hand.
    if (!(error instanceof ParserNeeded)) throw error;
    return loadRegistry({ ...base, parse: await playbookParser() });
  }
}

/**
 * Runs `read`, which reads the playbooks' sections and does nothing else
 * (no output, no file), on a registry loaded with `sections: false`: should a
 * cached playbook's sections turn out damaged, the parser is loaded and `read`
 * runs again, so the result is the same as with a sound cache.
 */
export async function readingSections<T>(registry: Registry, read: () => T): Promise<T> {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ParserNeeded)) throw error;
    supplyParser(registry, await playbookParser());
    return read();
  }
}

/** For commands that need working playbooks: any problem stops them with exit 65. */
export async function requireRegistry(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>, load: Omit<RegistryLoad, 'fresh'> = {}): Promise<Registry> {
  const registry = await loadRegistryFor(ctx, options, [], load);
  if (registry.problems.some((p) => p.level === 'error')) throw new InvalidDataError(shownProblems(ctx, registry.problems));
  // Notices: an answers file, or a FIFO, skipped in a playbooks folder.
  for (const p of shownProblems(ctx, registry.problems)) ctx.stderr.write(`${formatProblem(p)}\n`);
  return registry;
}

/** Problems as a person reads them: file by file, top to bottom, with short paths. */
export function shownProblems(ctx: CommandContext, problems: readonly Problem[]): Problem[] {
  return [...problems].sort(byPosition).map((p) => ({ ...p, file: displayPath(ctx, p.file) }));
}

/** Paths in messages: relative to where the user stands when that is shorter. */
export function displayPath(ctx: CommandContext, file: string): string {
  const rel = path.relative(ctx.cwd, file);
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}
