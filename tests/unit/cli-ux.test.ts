/**
 * What a person sees at the ends of commands, tested in-process with a
 * context whose streams are captured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureContext } from '../support/capture-context.js';
import { colorEnabled } from '../../src/cli/context.js';
import { invocation } from '../../src/cli/invocation.js';
import { nextRecheck, nextSteps, unansweredLine, verdictLine } from '../../src/cli/ending.js';
import { showPlaybook } from '../../src/cli/commands/playbooks.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { templateCommand } from '../../src/cli/commands/template.js';
import { assess } from '../../src/assessment/score.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import type { ItemKey } from '../../src/playbook/schema.js';

const SGR = /\u001b\[/;

const globals = { playbooks: [], color: true, input: false };
const reportOptions = { force: false, json: false, chart: false, checklist: true, strict: false, notes: true };

describe('the command printed in hints is the one that was used', () => {
  it('names node and the script, relative to where the person stands', () => {
    expect(invocation('/home/me/oc/bin/outsource-check.cjs', {}, '/home/me/oc')).toBe('node bin/outsource-check.cjs');
    expect(invocation('/home/me/oc/bin/outsource-check.cjs', {}, '/tmp')).toBe('node /home/me/oc/bin/outsource-check.cjs');
  });
  it('names npx under npx, and the installed name otherwise', () => {
    expect(invocation('/home/me/.npm/_npx/1/node_modules/.bin/outsource-check', { npm_command: 'exec' }, '/tmp')).toBe('npx outsource-check');
    expect(invocation('/usr/local/bin/outsource-check', {}, '/tmp')).toBe('outsource-check');
    expect(invocation('/usr/local/bin/oc', {}, '/tmp')).toBe('oc');
  });
});

describe('colour is decided per stream', () => {
  it('colours stdout only when stdout is a terminal, whatever stderr is', () => {
    const { ctx } = captureContext({ stderrIsTTY: true, stdoutIsTTY: false });
    expect(colorEnabled(ctx, { color: true }, 'stderr')).toBe(true);
    expect(colorEnabled(ctx, { color: true }, 'stdout')).toBe(false);
    expect(colorEnabled({ ...ctx, stdoutIsTTY: true, stderrIsTTY: false }, { color: true }, 'stdout')).toBe(true);
  });

  it('playbooks show into a file from a terminal writes no escape codes', async () => {
    const piped = captureContext({ stderrIsTTY: true, stdoutIsTTY: false });
    await showPlaybook(piped.ctx, { ...globals, id: 'growth', json: false });
    expect(piped.out()).toContain('Growth');
    expect(piped.out()).not.toMatch(SGR);
    const shown = captureContext({ stderrIsTTY: false, stdoutIsTTY: true });
    await showPlaybook(shown.ctx, { ...globals, id: 'growth', json: false });
    expect(shown.out()).toMatch(SGR);
  });
});

/**
 * The endings are pinned on the format-1 communication playbook (frozen in tests/fixtures/format1),
 * which has critical items to block on: these tests are about how a check ends, not the bundled content.
 */
const FROZEN_COMMUNICATION = path.join(import.meta.dirname, '..', 'fixtures', 'format1', 'playbooks', 'communication.yaml');
const registry = loadRegistry({ bundledDir: null, custom: [FROZEN_COMMUNICATION] });

describe('endings', () => {
  const playbooks = registry.playbooks.map((p) => p.playbook).filter((p) => p.id === 'communication');
  const keys = playbooks[0]!.sections.flatMap((s) => s.items.map((i) => `communication/${i.id}` as ItemKey));
  const now = new Date('2026-11-28T10:00:00Z');

  it('a verdict line with the blocker count', () => {
    const a = assess({ playbooks, engagement: { vendor: 'Acme', type: 'agency' }, answers: new Map(), now });
    expect(verdictLine(a)).toMatch(/^Not ready: overall 0 of 100, \d+ blockers$/);
    expect(unansweredLine(a, 'a.yaml')).toMatch(/^None of the \d+ questions is answered yet.*answer them in a\.yaml/);
  });

  it('says how many are still open when some are answered, and nothing when all are', () => {
    const some = new Map(keys.slice(0, 2).map((k) => [k, { value: 'yes' as const, note: null, answered: null }]));
    const a = assess({ playbooks, engagement: { vendor: 'Acme', type: 'agency' }, answers: some, now });
    const open = a.items.filter((i) => i.excluded === null && i.answer === null).length;
    expect(unansweredLine(a, 'a.yaml')).toContain(`${open} of ${open + 2} questions are unanswered`);
    const all = new Map(keys.map((k) => [k, { value: 'yes' as const, note: null, answered: '2026-11-28T10:00:00Z' }]));
    expect(unansweredLine(assess({ playbooks, engagement: { vendor: 'Acme', type: 'agency' }, answers: all, now }), 'a.yaml')).toBeNull();
  });

  it('the interactive ending names absolute paths, blockers, the next re-check and the next command', () => {
    const answers = new Map(keys.map((k, i) => [k, { value: i === 0 ? ('no' as const) : ('yes' as const), note: null, answered: '2026-11-28T10:00:00Z' }]));
    const a = assess({ playbooks, engagement: { vendor: "Dana's Web", type: 'freelancer' }, answers, now });
    const lines = nextSteps(a, { report: '/w/r.md', checklist: '/w/c.md', session: '/s/dana.yaml' }, 'node bin/outsource-check.cjs').join('\n');
    expect(lines).toContain('Report:    /w/r.md');
    expect(lines).toContain('Checklist: /w/c.md');
    expect(lines).toContain('Answers:   /s/dana.yaml');
    expect(lines).toMatch(/Fix first: the 1 blocker above/);
    const due = nextRecheck(a);
    if (due) expect(lines).toContain(`Next re-check: ${due.date}`);
    expect(lines).toContain(`node bin/outsource-check.cjs check --vendor 'Dana'\\''s Web'`);
  });

  it('wraps its sentences between words at 80 columns, and keeps each path and command whole on its line', () => {
    const answers = new Map(keys.map((k) => [k, { value: 'yes' as const, note: null, answered: '2026-11-28T10:00:00Z' }]));
    const a = assess({ playbooks, engagement: { vendor: 'Dana', type: 'freelancer' }, answers, now });
    const session = '/home/someone/.local/state/outsource-check/sessions/dana-20261128T100000Z.yaml';
    const command = 'node /home/someone/projects/outsource-check/bin/outsource-check.cjs';
    const lines = nextSteps(a, { session }, command, 120);
    const prose = lines.filter((l) => l !== '' && !l.startsWith('  ') && !l.startsWith('Answers:'));
    expect(prose.length).toBeGreaterThan(0);
    for (const line of prose) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines).toContain(`Answers:   ${session}`);
    expect(lines.some((l) => l.startsWith(`  ${command} check `))).toBe(true);
    // Every command the ending names stands whole on a line of its own.
    expect(lines).toContain(`  ${command} due`);
    for (const line of prose) expect(line).not.toContain(command);
  });
});

describe('check --answers and report end with the verdict on stderr', () => {
  it('prints the verdict, blocker count and paths on stderr, nothing on stdout', async () => {
    const { ctx, out, err } = captureContext();
    const file = path.join(ctx.cwd, 'a.yaml');
    const frozen = { ...globals, playbooks: [FROZEN_COMMUNICATION] };
    await templateCommand(ctx, { ...frozen, type: 'agency', playbook: ['communication'] });
    writeFileSync(file, out().replace('vendor: ""', 'vendor: Acme'));
    const second = captureContext({ cwd: ctx.cwd });
    await reportCommand(second.ctx, { ...frozen, ...reportOptions, file: 'a.yaml' });
    expect(second.out()).toBe('');
    expect(second.err()).toContain('wrote outsource-readiness-acme-');
    expect(second.err()).toContain('wrote outsource-checklist-acme-');
    expect(second.err()).toMatch(/Not ready: overall 0 of 100, \d+ blockers/);
    expect(second.err()).toMatch(/None of the \d+ questions is answered yet/);
    expect(readFileSync(path.join(ctx.cwd, 'a.yaml'), 'utf8')).toContain('vendor: Acme');
    void err;
  });
});

describe('a custom playbook without clauses', () => {
  it('gets no empty "Pre-contract checklist" heading, and its checklist file says why it is empty', async () => {
    const { scaffold } = await import('../../src/cli/commands/playbook-new.js');
    const { parsePlaybook } = await import('../../src/playbook/load.js');
    const { renderReport } = await import('../../src/report/readiness.js');
    const { checklistOf, renderChecklist } = await import('../../src/report/checklist.js');
    const { parsed } = parsePlaybook({ file: 'x.yaml', text: scaffold({ id: 'mine', title: 'Mine', kind: 'custom', types: [] }, '# schema') });
    const a = assess({ playbooks: [parsed!.playbook], engagement: { vendor: 'Acme', type: 'agency' }, answers: new Map(), now: new Date('2026-11-28T10:00:00Z') });
    expect(renderReport(a, { chart: false })).not.toContain('Pre-contract checklist');
    expect(renderChecklist(checklistOf(a, true), { vendor: 'Acme', type: 'agency', date: '2026-11-28' })).toContain('None of the playbooks in this check has contract clauses');
    // A bundled playbook with clauses keeps the section.
    expect(renderReport(assess({ playbooks: registry.playbooks.map((p) => p.playbook), engagement: { vendor: 'Acme', type: 'agency' }, answers: new Map(), now: new Date() }), { chart: false })).toContain('## Pre-contract checklist');
  });
});
