import envPaths from 'env-paths';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { privateFolders, type FolderUse, type PrivacyOptions } from './private.js';

/**
 * Where saved sessions live: OUTSOURCE_CHECK_HOME if set, otherwise the
 * platform's place for application state. env-paths calls the XDG state
 * folder (~/.local/state) "log" on Linux; on macOS and Windows its "data"
 * folder is the usual home for state (Application Support, LOCALAPPDATA).
 */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const override = homeOverride(env);
  if (override) return override;
  const paths = envPaths('outsource-check', { suffix: '' });
  return platform === 'linux' ? paths.log : paths.data;
}

function homeOverride(env: NodeJS.ProcessEnv): string | null {
  const override = env.OUTSOURCE_CHECK_HOME;
  return override && override.trim() !== '' ? path.resolve(override) : null;
}

export function sessionsDir(env: NodeJS.ProcessEnv): string {
  return path.join(stateDir(env), 'sessions');
}

/**
 * One of the tool's own folders in the state folder (`sessions`, a cache),
 * made ready for `use` by the privacy rule (src/io/private.ts); null when
 * there is nothing to read or the cache is skipped. The platform's state
 * folder is the tool's own and gets the same rule; an OUTSOURCE_CHECK_HOME
 * the tool creates is created 0700, but an existing one (say /tmp or .) is
 * the user's and is never chmod-ed or refused: only the subfolders are.
 */
export function stateSubfolder(env: NodeJS.ProcessEnv, sub: string, use: FolderUse, options: PrivacyOptions): string | null {
  const home = stateDir(env);
  const ownHome = homeOverride(env) === null || !existsSync(home);
  const dir = path.join(home, sub);
  return privateFolders(ownHome ? [home, dir] : [dir], use, options) ? dir : null;
}

/** Whether `file` is kept in the state folder, where the privacy rule holds, rather than somewhere the user chose. */
export function inStateDir(env: NodeJS.ProcessEnv, file: string): boolean {
  const relative = path.relative(stateDir(env), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
