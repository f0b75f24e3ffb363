import { formatProblem, InvalidDataError, type Problem } from '../errors.js';
import { byPosition } from '../source/yaml.js';
import { bundledPlaybooksDir, loadRegistry, playbookPathsFromEnv, type Registry } from '../playbook/registry.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { openPlaybookCache, PLAYBOOK_CACHE_FOLDER } from '../io/playbook-cache.js';
import { stateSubfolder } from '../io/state.js';
import path from 'node:path';

/** Bundled playbooks, then OUTSOURCE_CHECK_PLAYBOOKS, then --playbooks: later ones replace earlier ids. */
export function customPlaybookPaths(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>): string[] {
  return [...playbookPathsFromEnv(ctx.env.OUTSOURCE_CHECK_PLAYBOOKS), ...options.playbooks].map((p) => path.resolve(ctx.cwd, p));
}

/** `fresh`: parse every custom playbook even if the cache has it (`playbooks validate`). */
export function loadRegistryFor(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>, extra: readonly string[] = [], fresh = false): Registry {
  const custom = [...customPlaybookPaths(ctx, options), ...extra];
  // No custom playbooks, nothing to cache: the state folder is not even looked up.
  const dir = custom.length > 0 ? stateSubfolder(ctx.env, PLAYBOOK_CACHE_FOLDER, 'cache', { notice: (line) => ctx.stderr.write(`${line}\n`) }) : null;
  const cache = dir ? openPlaybookCache(dir) : null;
  return loadRegistry({ bundledDir: bundledPlaybooksDir(), custom, cache, fresh });
}

/** For commands that need working playbooks: any problem stops them with exit 65. */
export function requireRegistry(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>): Registry {
  const registry = loadRegistryFor(ctx, options);
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
