import envPaths from 'env-paths';
import path from 'node:path';

/**
 * Where saved sessions live: OUTSOURCE_CHECK_HOME if set, otherwise the
 * platform's place for application state. env-paths calls the XDG state
 * folder (~/.local/state) "log" on Linux; on macOS and Windows its "data"
 * folder is the usual home for state (Application Support, LOCALAPPDATA).
 */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const override = env.OUTSOURCE_CHECK_HOME;
  if (override && override.trim() !== '') return path.resolve(override);
  const paths = envPaths('outsource-check', { suffix: '' });
  return platform === 'linux' ? paths.log : paths.data;
}

export function sessionsDir(env: NodeJS.ProcessEnv): string {
  return path.join(stateDir(env), 'sessions');
}
