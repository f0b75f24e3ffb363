import { Command } from 'commander';
import { processContext, type GlobalOptions } from './context.js';

declare const __VERSION__: string;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const EXIT_CODES = `
Exit codes:
  0    done
  1    score below --fail-under, or not ready with --strict
  2    usage error (unknown flag, missing argument, answers needed but no terminal)
  65   invalid playbook or answers file
  66   input file missing or unreadable
  70   internal error
  73   cannot create an output file, or it exists and --force was not given
  130  interrupted; progress is saved and the message says how to resume`;

/**
 * The whole command line. Each action imports its command module on demand,
 * so `--version` and `--help` never load the YAML, schema or prompt libraries.
 */
export function buildProgram(): Command {
  const program = new Command('outsource-check')
    .description('Check that you are ready to hire a freelancer or an outsourcing vendor.')
    .version(__VERSION__, '-V, --version')
    .option('--playbooks <dir>', 'load custom playbooks from this folder (repeatable)', collect, [])
    .option('--no-color', 'no colour in terminal output')
    .option('--no-input', 'never prompt; fail with exit 2 where an answer is needed')
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('after', EXIT_CODES);

  const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals<GlobalOptions>();

  const playbooks = program.command('playbooks').description('list, show and validate playbooks');
  playbooks
    .command('list')
    .description('list the loaded playbooks and where each comes from')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { listPlaybooks } = await import('./commands/playbooks.js');
      await listPlaybooks(processContext(), { ...globals(cmd), json: opts.json === true });
    });
  playbooks
    .command('show')
    .description('show a playbook: its sections and items')
    .argument('<id>', 'playbook id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { showPlaybook } = await import('./commands/playbooks.js');
      await showPlaybook(processContext(), { ...globals(cmd), id, json: opts.json === true });
    });
  playbooks
    .command('validate')
    .description('check playbook files; exit 65 with every problem listed if any is invalid')
    .argument('[paths...]', 'files or folders (default: every loaded playbook)')
    .action(async (paths: string[], _opts: unknown, cmd: Command) => {
      const { validatePlaybooks } = await import('./commands/playbooks.js');
      await validatePlaybooks(processContext(), { ...globals(cmd), paths });
    });

  program
    .command('schema')
    .description('print the JSON Schema of playbooks or answers files')
    .addArgument(new Command().createArgument('[which]', 'playbook or answers').choices(['playbook', 'answers']).default('playbook'))
    .action(async (which: 'playbook' | 'answers') => {
      const { printSchema } = await import('./commands/schema.js');
      await printSchema(processContext(), { which });
    });

  return program;
}

