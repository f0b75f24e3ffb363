/** The command line as a seasoned CLI user meets it: the built binary, spawned. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('shell completion', () => {
  /** What bash offers after `words` (the last one being typed), with the script the CLI printed sourced. */
  function complete(script: string, words: string[]): string[] {
    const file = path.join(tempDir(), 'completion.bash');
    writeFileSync(file, script);
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(outsource-check ${quoted}); COMP_CWORD=${words.length}; _outsource_check; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }
  const bash = () => {
    const r = runCli(['completion', 'bash'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    return r.stdout;
  };

  it('bash completes commands, subcommands, options, playbook ids and engagement types', () => {
    const script = bash();
    expect(complete(script, ['ch'])).toEqual(['check', 'checklist']);
    expect(complete(script, ['playbooks', ''])).toEqual(expect.arrayContaining(['list', 'show', 'validate']));
    expect(complete(script, ['playbooks', 'show', 'gr'])).toEqual(['growth']);
    expect(complete(script, ['--playbooks', 'dir', 'playbooks', 'show', 'al'])).toEqual(['alignment']);
    expect(complete(script, ['template', '--type', ''])).toEqual(['freelancer', 'agency', 'bpo', 'other']);
    expect(complete(script, ['template', '--playbook', 'man'])).toEqual(['management']);
    expect(complete(script, ['due', '--w'])).toEqual(['--within']);
    expect(complete(script, ['completion', ''])).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
  });

  it('includes custom playbook ids, and prints zsh and fish scripts with their install lines', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'tests/fixtures/playbooks/valid/vendor-onboarding.yaml'), path.join(dir, 'v.yaml'));
    const script = runCli(['--playbooks', dir, 'completion', 'bash'], { cwd: dir }).stdout;
    expect(complete(script, ['playbooks', 'show', 'vendor-'])).toEqual(['vendor-onboarding']);
    const zsh = runCli(['completion', 'zsh'], { cwd: dir });
    expect(zsh.stdout).toMatch(/^# zsh completion/);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain('complete -o default -F _outsource_check outsource-check');
    const fish = runCli(['completion', 'fish'], { cwd: dir });
    expect(fish.stdout).toContain("complete -c outsource-check -n '__fish_use_subcommand' -a check");
    expect(fish.stdout).toContain("-l type -xa 'freelancer agency bpo other'");
    expect(fish.stdout).toContain('# Install: outsource-check completion fish > ~/.config/fish/completions/outsource-check.fish');
    expect(runCli(['completion', 'tcsh'], { cwd: dir }).status).toBe(2);
  });
});

describe('the README compare sample', () => {
  it('comes out of the files in examples/, line for line', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const command = /```sh\noutsource-check (compare examples\/[^\n]*)\n```/.exec(readme)?.[1];
    const sample = /```sh\noutsource-check compare examples\/[^\n]*\n```\n\n```markdown\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(command).toBeDefined();
    const r = runCli((command ?? '').split(' '), { cwd: ROOT });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    // "…" marks where the README leaves lines out; every other line is real output.
    const shown = (sample ?? '').split('\n').filter((line) => line !== '' && line !== '…');
    expect(shown.length).toBeGreaterThan(10);
    for (const line of shown) expect(lines).toContain(line);
  });

  it('the same assessment twice is said to be so, not "X and X are level"', () => {
    const r = runCli(['compare', 'examples/dana-web.yaml', 'examples/dana-web.yaml'], { cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('examples/dana-web.yaml is given twice');
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'examples/dana-web.yaml'), path.join(dir, 'copy.yaml'));
    const mixed = runCli(['compare', path.join(ROOT, 'examples/dana-web.yaml'), 'copy.yaml', path.join(ROOT, 'examples/freelancer-web.yaml')], { cwd: dir });
    expect(mixed.status, mixed.stderr).toBe(0);
    expect(mixed.stderr).toContain('copy.yaml is the same assessment as');
    expect(mixed.stdout).not.toMatch(/Dana Web and Dana Web/);
  });

  it('report on a --json report says that compare reads it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'r.json'), runCli(['report', path.join(ROOT, 'examples/dana-web.yaml'), '--json'], { cwd: dir }).stdout);
    const r = runCli(['report', 'r.json'], { cwd: dir });
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('r.json:2:13: this is a saved report (`--json`), not an answers file: `compare` reads it');
  });
});
