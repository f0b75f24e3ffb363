import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT, type AnswersFile } from '../../src/assessment/answers-schema.js';
import { deleteSessionsCommand, listSessionsCommand } from '../../src/cli/commands/sessions.js';
import { saveSession } from '../../src/io/sessions.js';
import { UsageError } from '../../src/errors.js';
import { captureContext } from '../support/capture-context.js';

const globals = { playbooks: [], color: false, input: true };

function home(): { env: NodeJS.ProcessEnv; save: (name: string, s: Partial<AnswersFile['meta']>, answers?: AnswersFile['answers']) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-sessions-'));
  return {
    env: { OUTSOURCE_CHECK_HOME: dir },
    save: (name, meta, answers = {}) => {
      const file = path.join(dir, 'sessions', `${name}.yaml`);
      saveSession(file, { format: ANSWERS_FORMAT, engagement: { vendor: name, type: 'agency' }, answers, meta: { started: '2026-11-28T10:00:00Z', updated: '2026-11-28T10:00:00Z', ...meta } }, { OUTSOURCE_CHECK_HOME: dir }, { notice: () => {} });
      return file;
    },
  };
}

describe('sessions list', () => {
  it('lists each session by name with its status and answer count', async () => {
    const h = home();
    h.save('acme-1', {});
    h.save('dana-1', { finished: '2026-11-28T11:00:00Z' }, { 'communication/one-page-brief': 'yes' });
    const { ctx, out } = captureContext({ env: h.env });
    await listSessionsCommand(ctx, { ...globals, json: false });
    expect(out()).toMatch(/^NAME +VENDOR +STATUS +ANSWERED/);
    expect(out()).toMatch(/acme-1 +acme-1 +unfinished +0/);
    expect(out()).toMatch(/dana-1 +dana-1 +done +1/);
  });
});

describe('sessions delete', () => {
  it('--empty with --yes deletes only unfinished sessions without answers', async () => {
    const h = home();
    const empty = h.save('empty-1', {});
    const started = h.save('started-1', {}, { 'communication/one-page-brief': 'no' });
    const done = h.save('done-1', { finished: '2026-11-28T11:00:00Z' });
    const { ctx, err } = captureContext({ env: h.env });
    await deleteSessionsCommand(ctx, { ...globals, names: [], empty: true, force: false, yes: true });
    expect(existsSync(empty)).toBe(false);
    expect(existsSync(started)).toBe(true);
    expect(existsSync(done)).toBe(true);
    expect(err()).toContain('deleted empty-1 (empty-1, unfinished, 0 answered)');
  });

  it('never deletes a finished session without --force', async () => {
    const h = home();
    const done = h.save('done-1', { finished: '2026-11-28T11:00:00Z' });
    const { ctx } = captureContext({ env: h.env });
    await expect(deleteSessionsCommand(ctx, { ...globals, names: ['done-1'], empty: false, force: false, yes: true })).rejects.toThrow(/finished check.*--force/);
    expect(existsSync(done)).toBe(true);
    await deleteSessionsCommand(ctx, { ...globals, names: ['done-1'], empty: false, force: true, yes: true });
    expect(existsSync(done)).toBe(false);
  });

  it('asks first: without a terminal and without --yes it deletes nothing and says why', async () => {
    const h = home();
    const file = h.save('acme-1', {});
    const { ctx } = captureContext({ env: h.env });
    await expect(deleteSessionsCommand(ctx, { ...globals, names: ['acme-1'], empty: false, force: false, yes: false })).rejects.toThrow(/asks first.*--yes/);
    expect(existsSync(file)).toBe(true);
  });

  it('takes a session by name or by its path, and nothing outside the sessions folder', async () => {
    const h = home();
    const file = h.save('acme-1', {});
    const { ctx } = captureContext({ env: h.env });
    await expect(deleteSessionsCommand(ctx, { ...globals, names: ['acme-2'], empty: false, force: false, yes: true })).rejects.toThrow(/no saved session `acme-2` \(did you mean `acme-1`\?\)/);
    await expect(deleteSessionsCommand(ctx, { ...globals, names: [path.join(tmpdir(), 'acme-1.yaml')], empty: false, force: true, yes: true })).rejects.toBeInstanceOf(UsageError);
    expect(existsSync(file)).toBe(true);
    await deleteSessionsCommand(ctx, { ...globals, names: [file], empty: false, force: false, yes: true });
    expect(existsSync(file)).toBe(false);
  });
});

describe('history points at the clean-up', () => {
  it('names the unfinished sessions without answers and the command that removes them', async () => {
    const { historyCommand } = await import('../../src/cli/commands/history.js');
    const h = home();
    h.save('empty-1', {});
    h.save('empty-2', {});
    const { ctx, err } = captureContext({ env: h.env });
    await historyCommand(ctx, { ...globals, json: false });
    expect(err()).toContain('2 unfinished sessions have no answer; `outsource-check sessions delete --empty` removes them.');
  });
});
