import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../support/cli.js';

const repo = path.resolve(import.meta.dirname, '../..');
const tempDir = tempDirs('oc-pack-');
const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What a user gets from `npm pack` and a global install: the tarball carries
 * the built CLI, the bundled playbooks and the schemas, and the command works
 * from any folder. (`npm test` has built dist/ already; --ignore-scripts keeps
 * prepack from rebuilding it under the other tests' feet.)
 */
describe('the packed tarball, installed globally', () => {
  it('installs, and the command works from another folder with the bundled playbooks', () => {
    const work = tempDir();
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], repo);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe(`outsource-check-${version}.tgz`);

    const prefix = path.join(work, 'prefix');
    const installed = run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball ?? '')], work);
    expect(installed.status, installed.stderr).toBe(0);
    const bin = path.join(prefix, 'bin', 'outsource-check');

    const elsewhere = tempDir('oc-elsewhere-');
    expect(run(bin, ['--version'], elsewhere).stdout.trim()).toBe(version);

    const list = run(bin, ['playbooks', 'list', '--json'], elsewhere);
    expect(list.status, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: string; origin: string }[];
    expect(rows.map((r) => r.id)).toEqual(['communication', 'negotiation', 'project-management', 'contract-legal', 'adaptability', 'alignment', 'growth', 'management']);
    expect(rows.every((r) => r.origin === 'bundled')).toBe(true);

    expect(run(bin, ['schema', 'answers'], elsewhere).stdout).toBe(readFileSync(path.join(repo, 'schema', 'answers.schema.json'), 'utf8'));

    // The README's "try it on the examples" works after a global install: examples/ ships in the package.
    const installedExamples = path.join(run('npm', ['root', '-g', '--prefix', prefix], work).stdout.trim(), 'outsource-check', 'examples');
    expect(readdirSync(installedExamples).sort()).toEqual(readdirSync(path.join(repo, 'examples')).sort());
    copyFileSync(path.join(installedExamples, 'freelancer-web.yaml'), path.join(elsewhere, 'answers.yaml'));
    const check = run(bin, ['check', '--answers', 'answers.yaml'], elsewhere, { OUTSOURCE_CHECK_HOME: path.join(work, 'home') });
    expect(check.status, check.stderr).toBe(0);
    expect(readdirSync(elsewhere).filter((f) => f.startsWith('outsource-')).sort()).toEqual([
      expect.stringMatching(/^outsource-checklist-dana-kowalski-freelance-\d{4}-\d{2}-\d{2}\.md$/),
      expect.stringMatching(/^outsource-readiness-dana-kowalski-freelance-\d{4}-\d{2}-\d{2}\.md$/),
    ]);
  }, 300_000);
});
