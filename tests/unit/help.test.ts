import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { processContext } from '../../src/cli/context.js';
import { DEFAULT_THRESHOLD } from '../../src/assessment/score.js';

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

function everyCommand(cmd: Command, path: string[] = []): [string, Command][] {
  return cmd.commands.flatMap((c) => [[[...path, c.name()].join(' '), c] as [string, Command], ...everyCommand(c, [...path, c.name()])]);
}

describe('--help', () => {
  const program = buildProgram(() => ({ ...processContext(), command: 'node bin/outsource-check.cjs' }));

  it.each(everyCommand(program).filter(([name]) => !name.endsWith('help')))('%s has examples that use the invocation', (name, cmd) => {
    const help = helpOf(cmd);
    expect(help).toContain('\nExamples:\n');
    expect(help).toMatch(new RegExp(`\\n  node bin/outsource-check\\.cjs [^\\n]*${name.split(' ').pop()}`));
    // Nothing in the help is wider than a terminal's 80 columns but the examples' commands, which must stay whole.
    for (const line of help.split('\n')) if (!line.startsWith('  node ')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('shows defaults: the threshold, the due horizon, the template type', () => {
    const byName = new Map(everyCommand(program));
    expect(helpOf(byName.get('check')!)).toContain(`(default: ${DEFAULT_THRESHOLD})`);
    expect(helpOf(byName.get('due')!)).toContain('(default: 30)');
    expect(helpOf(byName.get('template')!)).toContain('default: "other")');
  });
});
