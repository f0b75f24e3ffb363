import { parsePlaybook } from './load.js';
import { loadRegistry as loadWith, type Registry, type RegistryOptions } from './registry-core.js';

export * from './registry-core.js';

/**
 * The registry with the parser at hand, for code that may read any file
 * (tests, the build). The CLI uses registry-core.ts, and loads the parser
 * only when a file is not in a cache.
 */
export function loadRegistry(options: RegistryOptions): Registry {
  return loadWith({ parse: parsePlaybook, ...options });
}
