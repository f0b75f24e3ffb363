import { InvalidDataError } from '../errors.js';
import { bundledPlaybooksDir, loadRegistry, playbookPathsFromEnv, type Registry } from '../playbook/registry.js';
import type { CommandContext, GlobalOptions } from './context.js';
import path from 'node:path';

/** Bundled playbooks, then OUTSOURCE_CHECK_PLAYBOOKS, then --playbooks: later ones replace earlier ids. */
export function customPlaybookPaths(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>): string[] {
  return [...playbookPathsFromEnv(ctx.env.OUTSOURCE_CHECK_PLAYBOOKS), ...options.playbooks].map((p) => path.resolve(ctx.cwd, p));
}

export function loadRegistryFor(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>, extra: readonly string[] = [], strict = false): Registry {
  return loadRegistry({ bundledDir: bundledPlaybooksDir(), custom: [...customPlaybookPaths(ctx, options), ...extra], strict });
}

/** For commands that need working playbooks: any problem stops them with exit 65. */
export function requireRegistry(ctx: CommandContext, options: Pick<GlobalOptions, 'playbooks'>): Registry {
  const registry = loadRegistryFor(ctx, options);
  if (registry.problems.some((p) => p.level === 'error')) throw new InvalidDataError(registry.problems);
  return registry;
}

/** Paths in messages: relative to where the user stands when that is shorter. */
export function displayPath(ctx: CommandContext, file: string): string {
  const rel = path.relative(ctx.cwd, file);
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}
