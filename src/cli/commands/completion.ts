import type { Command } from 'commander';
import { bashScript, completionSpec, fishScript, zshScript } from '../completion.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { requireRegistry } from '../registry.js';

/** Prints the script to stdout; the README says where each shell wants it. Playbook ids are those loaded now (no sections read). */
export async function completionCommand(ctx: CommandContext, options: GlobalOptions & { shell: 'bash' | 'zsh' | 'fish'; program: Command }): Promise<void> {
  const ids = (await requireRegistry(ctx, options, { sections: false })).playbooks.map((p) => p.playbook.id);
  const spec = completionSpec(options.program, ids);
  ctx.stdout.write(options.shell === 'bash' ? bashScript(spec) : options.shell === 'zsh' ? zshScript(spec) : fishScript(spec));
}
