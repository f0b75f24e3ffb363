/** The command line as a seasoned CLI user meets it: the built binary, spawned. */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild, ROOT, runCli, tempDirs } from '../support/cli.js';

const tempDir = tempDirs('oc-ux-e2e-');
const NO_STACK = /\n\s+at /;

beforeAll(requireBuild);

describe('unknown commands', () => {
  it('a mistyped command is named, with a did-you-mean, and exits 2', () => {
    const r = runCli(['chek'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'chek' (did you mean `check`?)");
    expect(r.stderr).not.toContain('too many arguments');
  });
  it('after global options too, and without a suggestion when nothing is close', () => {
    const r = runCli(['--no-color', 'xyzzy'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'xyzzy'; `--help` lists the commands/);
  });
});

describe('printed commands', () => {
  it('the no-terminal hint uses the invocation that was used', () => {
    const r = runCli([], { cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('  node bin/outsource-check.cjs template --type freelancer > answers.yaml');
    expect(r.stderr).not.toMatch(/^ {2}outsource-check /m);
  });
  it('before the first build, --help says to build and exits 2 without a stack trace', () => {
    const clone = tempDir();
    mkdirSync(path.join(clone, 'bin'));
    copyFileSync(BIN, path.join(clone, 'bin', 'outsource-check.cjs'));
    copyFileSync(path.join(ROOT, 'package.json'), path.join(clone, 'package.json'));
    const r = runCli(['--help'], { cwd: clone, bin: path.join(clone, 'bin', 'outsource-check.cjs') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run build');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
