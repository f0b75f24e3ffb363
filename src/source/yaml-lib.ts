import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const load = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use. It is the parser that knows where
 * every node is, so it is needed to explain a problem, to validate strictly
 * and to write sessions, but not to read a valid file (js-yaml does that),
 * and evaluating it costs a start-up that most runs can skip. The build
 * leaves it out of the bundle, so this require finds the installed package.
 */
export function yamlLib(): typeof Yaml {
  lib ??= load('yaml') as typeof Yaml;
  return lib;
}
