import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPlaybookCommand } from '../../src/cli/commands/playbook-new.js';
import { bundledPlaybooksDir, loadRegistry } from '../../src/playbook/registry.js';
import { captureContext } from '../support/capture-context.js';
import { ScriptedAsker } from '../support/scripted-asker.js';

const globals = { playbooks: [], color: false, input: true };

/** Loads the written file beside the bundled playbooks, as --playbooks would: no problem at all. */
function loads(file: string) {
  const registry = loadRegistry({ bundledDir: bundledPlaybooksDir(), custom: [file] });
  expect(registry.problems).toEqual([]);
  return registry.playbooks.find((p) => p.file === file)!.playbook;
}

describe('playbooks new', () => {
  it('from flags: a playbook that validates, with the schema line and the types given', async () => {
    const { ctx, err } = captureContext();
    await newPlaybookCommand(ctx, { ...globals, title: 'Vendor onboarding: "day one"', type: ['agency', 'bpo'], force: false });
    const file = path.join(ctx.cwd, 'vendor-onboarding-day-one.yaml');
    const pb = loads(file);
    expect(pb).toMatchObject({ id: 'vendor-onboarding-day-one', title: 'Vendor onboarding: "day one"', kind: 'custom', applies_to: ['agency', 'bpo'] });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/outsource-check@[\d.]+\/schema\/playbook\.schema\.json$/);
    expect(err()).toContain('wrote vendor-onboarding-day-one.yaml');
    expect(err()).toContain('playbooks validate vendor-onboarding-day-one.yaml');
  });

  it('asks the title, id and engagement types in a terminal', async () => {
    const { ctx } = captureContext({ stdinIsTTY: true, stderrIsTTY: true });
    const asker = new ScriptedAsker([
      { kind: 'input', expect: 'Title', answer: 'Security review' },
      { kind: 'input', expect: 'id', answer: 'sec-review' },
      { kind: 'checkbox', expect: 'engagement types', answer: ['freelancer', 'agency', 'bpo', 'other'] },
    ]);
    await newPlaybookCommand(ctx, { ...globals, type: [], force: false }, async () => asker);
    expect(asker.remaining).toBe(0);
    expect(asker.shown[1]?.default).toBe('security-review');
    const pb = loads(path.join(ctx.cwd, 'sec-review.yaml'));
    expect(pb).toMatchObject({ id: 'sec-review', title: 'Security review' });
    // Every type ticked means no applies_to at all.
    expect(pb.applies_to).toBeUndefined();
  });

  it('without a terminal and without --title it says what to pass, and never writes over a file without --force', async () => {
    const { ctx } = captureContext();
    await expect(newPlaybookCommand(ctx, { ...globals, type: [], force: false })).rejects.toThrow(/--title/);
    await newPlaybookCommand(ctx, { ...globals, title: 'A', type: [], force: false });
    await expect(newPlaybookCommand(ctx, { ...globals, title: 'A', type: [], force: false })).rejects.toThrow(/exists/);
    await expect(newPlaybookCommand(ctx, { ...globals, title: 'A', id: 'Not Kebab', type: [], force: true })).rejects.toThrow(/kebab-case/);
  });
});
