import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI, as a user runs it: the end-to-end tests need `npm run build` first (`npm test` does it). */
export const BIN = path.join(ROOT, 'bin', 'outsource-check.cjs');

/** Throws, saying what to run, when dist/ has not been built. */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` before the end-to-end tests (npm test does it first)');
}

/**
 * Temp folders for one test file, all removed after its tests: call it at the
 * top of the file and use what it returns to make each folder.
 */
export function tempDirs(defaultPrefix: string): (prefix?: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix = defaultPrefix) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to the environment after the developer's own settings are taken out. */
  env?: NodeJS.ProcessEnv;
  /** Sent through a pipe on stdin; without it stdin is closed (`ignore`). Either way it is not a terminal. */
  input?: string;
  timeoutMs?: number;
  /** Another copy of the bin, for a clone in another state (not built yet, say). */
  bin?: string;
}

/**
 * Runs the built CLI with no colour and nothing from the developer's own
 * setup (their playbooks folder, FORCE_COLOR, debug output); `env` comes on top.
 */
export function runCli(args: readonly string[], options: CliOptions): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['OUTSOURCE_CHECK_PLAYBOOKS', 'FORCE_COLOR', 'OUTSOURCE_CHECK_DEBUG']) delete env[key];
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env: { ...env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 25_000,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
