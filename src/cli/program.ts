import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { commandName, processContext, type CommandContext, type GlobalOptions } from './context.js';
import { UsageError } from '../errors.js';
import { DEFAULT_THRESHOLD } from '../assessment/defaults.js';
import type { ReportCommandOptions } from './assessment.js';
import { PAPERS, REPORT_FORMATS, type Paper, type ReportFormat } from '../report/formats.js';

declare const __VERSION__: string;

/** `--out ''` and the like: an empty path would name the current folder or nothing at all; say so, as a usage error. */
function pathArg(value: string): string {
  if (value === '') throw new InvalidArgumentError('the path is empty');
  return value;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), pathArg(value)];

function percentArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

function daysArg(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number of days');
  return Number(value);
}

function kebabArg(value: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) throw new InvalidArgumentError('expected kebab-case: lower-case letters, digits and single hyphens');
  return value;
}

const TYPES = ['freelancer', 'agency', 'bpo', 'other'] as const;
const SEVERITIES = ['critical', 'major', 'minor'] as const;
const REGIONS = ['us', 'uk', 'eu', 'other'] as const;
const STAGES = ['signing', 'onboarding'] as const;

/** What a check covers beyond the engagement type; flags win over what a file says. */
export interface ScopeFlags {
  clientRegion?: (typeof REGIONS)[number];
  vendorRegion?: (typeof REGIONS)[number];
  stage?: (typeof STAGES)[number];
  quick?: boolean;
}

/** The options of every command that assesses or renders an engagement: check, report, template, checklist. */
function scopeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--client-region <region>', 'where you are based (eu = EU and EEA); picks the law-specific advice').choices(REGIONS))
    .addOption(new Option('--vendor-region <region>', 'where the vendor is based; decides the cross-border items').choices(REGIONS))
    .addOption(new Option('--stage <stage>', 'signing: before the contract (default); onboarding: the first weeks after').choices(STAGES))
    .option('--quick', 'only the items critical for the engagement type, and what they depend on');
}

function scopeFlags(raw: ScopeFlags): ScopeFlags {
  return {
    ...(raw.clientRegion !== undefined ? { clientRegion: raw.clientRegion } : {}),
    ...(raw.vendorRegion !== undefined ? { vendorRegion: raw.vendorRegion } : {}),
    ...(raw.stage !== undefined ? { stage: raw.stage } : {}),
    ...(raw.quick ? { quick: true } : {}),
  };
}

/** --format for every command that renders a document; --json still means JSON. */
function formatOption(what: string): Option {
  return new Option('--format <format>', `md (markdown), html (one self-contained page) or pdf (that page printed by your own Chrome or Chromium) for the ${what}`).choices(REPORT_FORMATS).default('md');
}

/** What --format pdf needs: the paper, and the browser that prints (never downloaded). */
const paperOption = () => new Option('--paper <size>', 'paper for --format pdf').choices(PAPERS).default('a4');
const browserOption = () => new Option('--browser <path>', 'the Chrome or Chromium that prints --format pdf (default: the first found on the PATH)');

interface RawFormatOptions {
  format: ReportFormat;
  paper: Paper;
  browser?: string;
}

function formatFlags(raw: RawFormatOptions): RawFormatOptions {
  return { format: raw.format, paper: raw.paper, ...(raw.browser !== undefined ? { browser: raw.browser } : {}) };
}

/** The options shared by every command that produces a readiness report. */
function reportOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-o, --out <path>', 'where to write the report (- for stdout); default: outsource-readiness-<vendor>-<date>.md (.html, .pdf) here').argParser(pathArg))
    .option('-f, --force', 'overwrite existing output files')
    .option('--json', 'print the result object as JSON instead of writing the report')
    .addOption(formatOption('report'))
    .addOption(paperOption())
    .addOption(browserOption())
    .option('--chart', 'add a Mermaid chart of the scores to the markdown report')
    .option('--no-checklist', 'do not write the pre-contract checklist file beside the report')
    .option('--no-notes', 'leave your notes out of the report and checklist (to share them)')
    .addOption(new Option('--threshold <n>', 'score below which the verdict has gaps').default(DEFAULT_THRESHOLD).argParser(percentArg))
    .addOption(new Option('--fail-under <n>', 'exit 1 when the overall score is below n').argParser(percentArg))
    .option('--strict', 'exit 1 when the verdict is not ready');
}

interface RawReportOptions extends RawFormatOptions {
  out?: string;
  force?: boolean;
  json?: boolean;
  chart?: boolean;
  checklist?: boolean;
  notes?: boolean;
  threshold?: number;
  failUnder?: number;
  strict?: boolean;
}

function toReportOptions(raw: RawReportOptions): ReportCommandOptions {
  return {
    ...(raw.out !== undefined ? { out: raw.out } : {}),
    force: raw.force === true,
    json: raw.json === true,
    chart: raw.chart === true,
    checklist: raw.checklist !== false,
    ...formatFlags(raw),
    notes: raw.notes !== false,
    ...(raw.threshold !== undefined ? { threshold: raw.threshold } : {}),
    ...(raw.failUnder !== undefined ? { failUnder: raw.failUnder } : {}),
    strict: raw.strict === true,
  };
}

const EXIT_CODES = `
Exit codes:
  0    done
  1    score below --fail-under, or not ready with --strict
  2    usage error (unknown flag, missing argument, empty path, answers needed but no terminal)
  65   invalid playbook or answers file
  66   input file missing or unreadable, or a resumed session's playbook is not loaded
  70   internal error
  73   cannot create an output file, or it exists and --force was not given,
       or the state folder belongs to another user
  75   the session is open in another outsource-check; try again when it ends
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP); progress is saved and the message says how to resume`;

/**
 * The whole command line. Each action imports its command module on demand,
 * so `--version` and `--help` never load the YAML, schema or prompt libraries.
 */
interface CheckFlags {
  answers?: string;
  resume?: string;
  restart?: boolean;
  recheck?: string;
  vendor?: string;
  type?: (typeof TYPES)[number];
}

function checkFlags(raw: CheckFlags): CheckFlags {
  return {
    ...(raw.answers !== undefined ? { answers: raw.answers } : {}),
    ...(raw.resume !== undefined ? { resume: raw.resume } : {}),
    ...(raw.restart ? { restart: true } : {}),
    ...(raw.recheck !== undefined ? { recheck: raw.recheck } : {}),
    ...(raw.vendor !== undefined ? { vendor: raw.vendor } : {}),
    ...(raw.type !== undefined ? { type: raw.type } : {}),
  };
}

export type { CheckFlags };

/** Examples under a command's help: each a line a person can copy, with what it does. */
function examples(cmd: Command, command: string, lines: readonly (readonly [string, string])[]): Command {
  // What it does first, then the line to copy: a command and its comment side by side would not fit 80 columns.
  return cmd.addHelpText('after', `\nExamples:\n${lines.map(([args, what]) => `  # ${what}\n  ${command}${args ? ` ${args}` : ''}`).join('\n')}`);
}

/**
 * `check` takes no arguments, so a word given to it is either a mistyped
 * command (`outsource-check chek`) or, after an explicit `check`, one too many.
 */
async function unknownCommand(program: Command, args: readonly string[]): Promise<UsageError> {
  const word = args[0] ?? '';
  if (program.args[0] === 'check') return new UsageError(`check takes no arguments, but got '${word}'; \`--answers FILE\` reads an answers file`);
  const { didYouMean } = await import('../source/suggest.js');
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  return new UsageError(`unknown command '${word}'${didYouMean(word, names)}; \`--help\` lists the commands`);
}

/** `context` is the outside world each command gets; tests hand in a fake one and run the whole command line in-process. */
export function buildProgram(context: () => CommandContext = processContext): Command {
  // Help examples show the command as this run was started, like every hint the tool prints.
  const command = commandName(context());
  const program = new Command('outsource-check')
    .description('Check that you are ready to hire a freelancer or an outsourcing vendor.')
    .version(__VERSION__, '-V, --version')
    .option('--playbooks <dir>', 'load custom playbooks from this folder or file (repeatable)', collect)
    .option('--no-color', 'no colour in terminal output')
    .option('--no-input', 'never prompt; fail with exit 2 where an answer is needed')
    .showSuggestionAfterError(true)
    // Each command's help also lists --playbooks, --no-color and --no-input, which work everywhere.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: (text) => context().stdout.write(text), writeErr: (text) => context().stderr.write(text) })
    .addHelpText('after', EXIT_CODES);

  const globals = (cmd: Command): GlobalOptions => {
    const all = cmd.optsWithGlobals<Partial<GlobalOptions>>();
    return { playbooks: all.playbooks ?? [], color: all.color !== false, input: all.input !== false };
  };

  const runCheck = async (raw: RawReportOptions & CheckFlags & ScopeFlags, cmd: Command) => {
    if (cmd.args.length > 0) throw await unknownCommand(program, cmd.args);
    const { checkCommand } = await import('./commands/check.js');
    await checkCommand(context(), { ...globals(cmd), ...toReportOptions(raw), ...checkFlags(raw), ...scopeFlags(raw) });
  };

  scopeOptions(reportOptions(
    program
      .command('check', { isDefault: true })
      .description('the readiness check: interactive in a terminal, or from --answers FILE')
      .addOption(new Option('-a, --answers <file>', 'read answers from this file instead of asking').argParser(pathArg))
      .addOption(new Option('--resume <file>', 'continue this saved session without asking').argParser(pathArg))
      .option('--restart', 'start a new check from scratch, without offering the vendor\'s unfinished or last finished one')
      .addOption(new Option('--recheck <file>', 'ask again only the answers that are due (and any never given), then write a new report').argParser(pathArg))
      .option('--vendor <name>', 'the vendor, so the interview does not ask')
      .addOption(new Option('--type <type>', 'the engagement type, so the interview does not ask').choices(TYPES))
      // `check` is the default command, so a mistyped command arrives here as an argument: runCheck names it.
      .allowExcessArguments(true),
  )).action(runCheck);

  scopeOptions(reportOptions(program.command('report').description('render the readiness report from an answers or session file').argument('<file>', 'answers or session file', pathArg))).action(
    async (file: string, raw: RawReportOptions & ScopeFlags, cmd: Command) => {
      const { reportCommand } = await import('./commands/report.js');
      await reportCommand(context(), { ...globals(cmd), ...toReportOptions(raw), ...scopeFlags(raw), file });
    },
  );

  scopeOptions(program
    .command('checklist'))
    .description('the pre-contract checklist, for an engagement type or ticked from answers')
    .addOption(new Option('--type <type>', 'engagement type').choices(TYPES))
    .addOption(new Option('-a, --answers <file>', 'tick the clauses these answers show are in place').argParser(pathArg))
    .addOption(new Option('-o, --out <path>', 'write to a file instead of stdout').argParser(pathArg))
    .option('-f, --force', 'overwrite an existing file')
    .option('--json', 'print JSON')
    .addOption(formatOption('checklist'))
    .addOption(paperOption())
    .addOption(browserOption())
    .option('--no-notes', 'leave your notes out (to send the checklist to the vendor or their counsel)')
    .action(async (raw: { type?: (typeof TYPES)[number]; answers?: string; out?: string; force?: boolean; json?: boolean; notes?: boolean } & ScopeFlags & RawFormatOptions, cmd: Command) => {
      const { checklistCommand } = await import('./commands/checklist.js');
      await checklistCommand(context(), {
        ...globals(cmd),
        ...scopeFlags(raw),
        ...(raw.type ? { type: raw.type } : {}),
        ...(raw.answers ? { answers: raw.answers } : {}),
        ...(raw.out ? { out: raw.out } : {}),
        force: raw.force === true,
        json: raw.json === true,
        ...formatFlags(raw),
        notes: raw.notes !== false,
      });
    });

  scopeOptions(program
    .command('template'))
    .description('print a fillable answers file: template --type bpo > answers.yaml')
    .addOption(new Option('--type <type>', 'engagement type').choices(TYPES).default('other'))
    .option('--playbook <id...>', 'only these playbooks (default: all)')
    .action(async (raw: { type: (typeof TYPES)[number]; playbook?: string[] } & ScopeFlags, cmd: Command) => {
      const { templateCommand } = await import('./commands/template.js');
      await templateCommand(context(), { ...globals(cmd), ...scopeFlags(raw), type: raw.type, playbook: raw.playbook ?? [] });
    });

  program
    .command('compare')
    .description('compare vendors side by side, or one vendor over time (answers, session or --json report files)')
    .argument('<files...>', 'two or more files')
    .addOption(new Option('-o, --out <path>', 'write the comparison to a file instead of stdout').argParser(pathArg))
    .option('-f, --force', 'overwrite an existing file')
    .option('--json', 'print JSON')
    .addOption(formatOption('comparison'))
    .addOption(paperOption())
    .addOption(browserOption())
    .option('--no-notes', 'leave your notes out (to share the comparison)')
    .action(async (files: string[], raw: { out?: string; force?: boolean; json?: boolean; notes?: boolean } & RawFormatOptions, cmd: Command) => {
      const { compareCommand } = await import('./commands/compare.js');
      await compareCommand(context(), { ...globals(cmd), files, ...(raw.out ? { out: raw.out } : {}), force: raw.force === true, json: raw.json === true, notes: raw.notes !== false, ...formatFlags(raw) });
    });

  program
    .command('history')
    .description('the saved sessions, newest first')
    .option('--json', 'print JSON')
    .action(async (raw: { json?: boolean }, cmd: Command) => {
      const { historyCommand } = await import('./commands/history.js');
      await historyCommand(context(), { ...globals(cmd), json: raw.json === true });
    });

  program
    .command('due')
    .description('vendors with answers to confirm again now or soon')
    .addOption(new Option('--within <days>', 'how far ahead to look').default(30).argParser(daysArg))
    .option('--json', 'print JSON')
    .action(async (raw: { json?: boolean; within: number }, cmd: Command) => {
      const { dueCommand } = await import('./commands/due.js');
      await dueCommand(context(), { ...globals(cmd), json: raw.json === true, within: raw.within });
    });

  const sessions = program.command('sessions').description('list and delete saved sessions');
  sessions
    .command('list', { isDefault: true })
    .description('the saved sessions with their names, newest first')
    .option('--json', 'print JSON')
    .action(async (raw: { json?: boolean }, cmd: Command) => {
      const { listSessionsCommand } = await import('./commands/sessions.js');
      await listSessionsCommand(context(), { ...globals(cmd), json: raw.json === true });
    });
  sessions
    .command('delete')
    .description('delete saved sessions, after asking; finished ones only with --force')
    .argument('[names...]', 'session names as `sessions list` shows them, or their files')
    .option('--empty', 'every unfinished session with no answer (started by mistake)')
    .option('-f, --force', 'also delete finished sessions (a vendor\'s history)')
    .option('-y, --yes', 'do not ask (needed without a terminal)')
    .action(async (names: string[], raw: { empty?: boolean; force?: boolean; yes?: boolean }, cmd: Command) => {
      const { deleteSessionsCommand } = await import('./commands/sessions.js');
      await deleteSessionsCommand(context(), { ...globals(cmd), names, empty: raw.empty === true, force: raw.force === true, yes: raw.yes === true });
    });

  const playbooks = program.command('playbooks').description('list, show, validate, import and start new playbooks');
  playbooks
    .command('list')
    .description('list the loaded playbooks and where each comes from')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { listPlaybooks } = await import('./commands/playbooks.js');
      await listPlaybooks(context(), { ...globals(cmd), json: opts.json === true });
    });
  playbooks
    .command('show')
    .description('show a playbook: its sections and items')
    .argument('<id>', 'playbook id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { showPlaybook } = await import('./commands/playbooks.js');
      await showPlaybook(context(), { ...globals(cmd), id, json: opts.json === true });
    });
  playbooks
    .command('validate')
    .description('check playbook files; exit 65 with every problem listed if any is invalid')
    .argument('[paths...]', 'files or folders (default: every loaded playbook)')
    .action(async (paths: string[], _opts: unknown, cmd: Command) => {
      const { validatePlaybooks } = await import('./commands/playbooks.js');
      await validatePlaybooks(context(), { ...globals(cmd), paths });
    });

  playbooks
    .command('new')
    .description('write a new playbook that validates, to edit into your own (asks in a terminal what flags do not say)')
    .option('--title <title>', 'its title')
    .option('--id <id>', 'its id, kebab-case (default: from the title)')
    .addOption(new Option('--kind <kind>', 'skill, focus-area or custom').choices(['skill', 'focus-area', 'custom']).default('custom'))
    .addOption(new Option('--type <type...>', 'engagement types it applies to (default: all)').choices(TYPES))
    .option('-o, --out <path>', 'where to write it (- for stdout; default: <id>.yaml here)')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (raw: { title?: string; id?: string; kind: 'skill' | 'focus-area' | 'custom'; type?: (typeof TYPES)[number][]; out?: string; force?: boolean }, cmd: Command) => {
      const { newPlaybookCommand } = await import('./commands/playbook-new.js');
      await newPlaybookCommand(context(), {
        ...globals(cmd),
        ...(raw.title !== undefined ? { title: raw.title } : {}),
        ...(raw.id !== undefined ? { id: raw.id } : {}),
        kind: raw.kind,
        type: raw.type ?? [],
        ...(raw.out !== undefined ? { out: raw.out } : {}),
        force: raw.force === true,
      });
    });

  program
    .command('completion')
    .description('print a shell completion script (commands, options, playbook ids, engagement types)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish', _raw: unknown, cmd: Command) => {
      const { completionCommand } = await import('./commands/completion.js');
      await completionCommand(context(), { ...globals(cmd), shell, program });
    });

  playbooks
    .command('import')
    .description('turn a CISO Assistant library (YAML) into a custom playbook')
    .argument('<file>', 'a library file, such as backend/library/libraries/vendor-due-diligence.yaml')
    .option('--locale <code>', "take texts in this language (default: the library's own)")
    .addOption(new Option('--id <id>', "the playbook id (default: from the library's ref_id)").argParser(kebabArg))
    .addOption(new Option('--severity <level>', 'severity of every item').choices(SEVERITIES).default('major'))
    .option('-o, --out <path>', 'write the playbook to this file instead of stdout')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (file: string, raw: { locale?: string; id?: string; severity: (typeof SEVERITIES)[number]; out?: string; force?: boolean }, cmd: Command) => {
      const { importCommand } = await import('./commands/import.js');
      await importCommand(processContext(), {
        ...globals(cmd),
        file,
        severity: raw.severity,
        force: raw.force === true,
        ...(raw.locale !== undefined ? { locale: raw.locale } : {}),
        ...(raw.id !== undefined ? { id: raw.id } : {}),
        ...(raw.out !== undefined ? { out: raw.out } : {}),
      });
    });

  program
    .command('schema')
    .description('print the JSON Schema of playbooks or answers files')
    .addArgument(new Argument('[which]', 'playbook or answers').choices(['playbook', 'answers']).default('playbook'))
    .action(async (which: 'playbook' | 'answers') => {
      const { printSchema } = await import('./commands/schema.js');
      await printSchema(context(), { which });
    });

  for (const [path, lines] of Object.entries(EXAMPLES)) {
    const cmd = path === '' ? program : path.split(' ').reduce<Command | undefined>((c, name) => c?.commands.find((x) => x.name() === name), program);
    if (cmd) examples(cmd, command, lines);
  }
  return program;
}

/** Examples per command path ('' is the program); a test checks every command has some. */
const EXAMPLES: Record<string, readonly (readonly [string, string])[]> = {
  '': [
    ['', 'the interactive check, in a terminal'],
    ['check --answers answers.yaml', 'the report and checklist from an answers file'],
    ['template --type bpo > answers.yaml', 'an answers file to fill in'],
  ],
  check: [
    ['check', 'asks the questions; every answer is saved as you go'],
    ['check --vendor "Acme Ltd" --type agency', 'skips the first two questions'],
    ['check --answers answers.yaml --fail-under 80', 'in CI: exit 1 when the score is under 80'],
    ['check --answers answers.yaml --out - > report.md', 'the report on stdout'],
    ['check --recheck SESSION.yaml', 'asks again only what fell due'],
  ],
  report: [
    ['report SESSION.yaml', 'the report again from a saved session'],
    ['report answers.yaml --json > result.json', 'the result object, for compare or other tools'],
  ],
  checklist: [
    ['checklist --type agency', 'the pre-contract checklist for an agency'],
    ['checklist --answers answers.yaml --out checklist.md', 'ticked where the answers show a clause in place'],
  ],
  template: [
    ['template --type freelancer > answers.yaml', 'every question for a freelancer'],
    ['template --type bpo --playbook alignment growth', 'only two playbooks'],
  ],
  compare: [
    ['compare acme.yaml dana.yaml', 'a decision matrix of two vendors'],
    ['compare acme-2026-01.yaml acme-2026-06.yaml', 'one vendor over time'],
  ],
  history: [['history', 'every saved session, newest first']],
  due: [
    ['due', 'answers to confirm again within 30 days'],
    ['due --within 90', 'within 90 days'],
  ],
  sessions: [['sessions', 'the saved sessions by name']],
  'sessions list': [['sessions list --json', 'as JSON']],
  'sessions delete': [
    ['sessions delete --empty', 'unfinished sessions without an answer, after asking'],
    ['sessions delete acme-20261128T101500Z', 'one session by the name `sessions list` shows'],
  ],
  playbooks: [['playbooks list', 'the loaded playbooks']],
  'playbooks list': [['--playbooks ./my-playbooks playbooks list', 'with your own playbooks']],
  'playbooks show': [['playbooks show growth', 'every question of a playbook']],
  'playbooks validate': [['playbooks validate ./my-playbooks', 'check your own playbooks']],
  'playbooks import': [
    ['playbooks import vendor-due-diligence.yaml --locale en --out vdd.yaml', 'a CISO Assistant library as a playbook, written to vdd.yaml'],
    ['playbooks import dora.yaml --severity critical', 'printed, every item critical'],
  ],
  'playbooks new': [
    ['playbooks new', 'asks for a title, an id and the engagement types'],
    ['playbooks new --title "Vendor onboarding" --type agency bpo --out vendor-onboarding.yaml', 'from flags alone'],
  ],
  completion: [
    ['completion bash > ~/.local/share/bash-completion/completions/outsource-check', 'bash'],
    ['completion fish > ~/.config/fish/completions/outsource-check.fish', 'fish'],
  ],
  schema: [['schema answers > answers.schema.json', 'the JSON Schema of answers files']],
};

