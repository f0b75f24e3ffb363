import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT, runCli, tempDirs } from '../support/cli.js';

const LIBRARY = path.join(ROOT, 'tests', 'fixtures', 'ciso', 'acme-vendor-v1.yaml');
const temp = tempDirs('oc-import-e2e-');

beforeAll(() => requireBuild());

describe('playbooks import, as a user runs it', () => {
  it('imports, refuses to overwrite, and reports bad input with exit 65 and no stack trace', () => {
    const cwd = temp();
    const env = { OUTSOURCE_CHECK_HOME: path.join(cwd, 'home') };
    mkdirSync(path.join(cwd, 'pb'));
    const ok = runCli(['playbooks', 'import', LIBRARY, '--locale', 'en', '--severity', 'minor', '--out', 'pb/acme.yaml'], { cwd, env });
    expect(ok.status).toBe(0);
    expect(readFileSync(path.join(cwd, 'pb', 'acme.yaml'), 'utf8')).toContain('severity: minor');
    expect(runCli(['playbooks', 'import', LIBRARY, '--out', 'pb/acme.yaml'], { cwd, env }).status).toBe(73);

    writeFileSync(path.join(cwd, 'not-a-library.yaml'), 'hello: world\n');
    const bad = runCli(['playbooks', 'import', 'not-a-library.yaml'], { cwd, env });
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/^not-a-library\.yaml:1:1: not a CISO Assistant library/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const locale = runCli(['playbooks', 'import', LIBRARY, '--locale', 'de'], { cwd, env });
    expect(locale.status).toBe(65);
    expect(locale.stderr).toContain(":2:9: the library has no `de` texts; it offers `en`, `fr`");
    expect(runCli(['playbooks', 'import', LIBRARY, '--id', 'Not Kebab'], { cwd, env }).status).toBe(2);
  });

  it('loads the same playbooks with a warm, a broken and an unwritable parsed-playbook cache', () => {
    const cwd = temp();
    mkdirSync(path.join(cwd, 'pb'));
    expect(runCli(['playbooks', 'import', LIBRARY, '--out', 'pb/acme.yaml'], { cwd, env: { OUTSOURCE_CHECK_HOME: path.join(cwd, 'home') } }).status).toBe(0);
    const list = (home: string) => runCli(['--playbooks', 'pb', 'playbooks', 'list', '--json'], { cwd, env: { OUTSOURCE_CHECK_HOME: home } });
    const home = path.join(cwd, 'home');
    const cold = list(home);
    expect(cold.status).toBe(0);
    const cacheDir = path.join(home, 'cache', 'playbooks');
    expect(readdirSync(cacheDir).filter((n) => n !== 'index.json')).toHaveLength(1);
    const warm = list(home);
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), 'garbage');
    const broken = list(home);
    // The state folder is a file: nothing can be cached there.
    writeFileSync(path.join(cwd, 'home-file'), '');
    const unwritable = list(path.join(cwd, 'home-file'));
    for (const r of [warm, broken, unwritable]) {
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(cold.stdout);
      expect(r.stderr).toBe(cold.stderr);
    }
    expect(existsSync(path.join(cwd, 'home-file', 'cache'))).toBe(false);
  });
});
