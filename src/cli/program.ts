import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { processContext, type GlobalOptions } from './context.js';
import type { ReportCommandOptions } from './assessment.js';

declare const __VERSION__: string;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

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

/** The options shared by every command that produces a readiness report. */
function reportOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <path>', 'where to write the report (- for stdout); default: outsource-readiness-<vendor>-<date>.md here')
    .option('-f, --force', 'overwrite existing output files')
    .option('--json', 'print the result object as JSON instead of writing the report')
    .option('--chart', 'add a Mermaid chart of the scores to the report')
    .option('--no-checklist', 'do not write the pre-contract checklist file beside the report')
    .option('--no-notes', 'leave your notes out of the report and checklist (to share them)')
    .addOption(new Option('--threshold <n>', 'score below which the verdict has gaps').argParser(percentArg))
    .addOption(new Option('--fail-under <n>', 'exit 1 when the overall score is below n').argParser(percentArg))
    .option('--strict', 'exit 1 when the verdict is not ready');
}

interface RawReportOptions {
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
  2    usage error (unknown flag, missing argument, answers needed but no terminal)
  65   invalid playbook or answers file
  66   input file missing or unreadable
  70   internal error
  73   cannot create an output file, or it exists and --force was not given,
       or the state folder belongs to another user
  130  interrupted; progress is saved and the message says how to resume`;

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

export function buildProgram(): Command {
  const program = new Command('outsource-check')
    .description('Check that you are ready to hire a freelancer or an outsourcing vendor.')
    .version(__VERSION__, '-V, --version')
    .option('--playbooks <dir>', 'load custom playbooks from this folder or file (repeatable)', collect)
    .option('--no-color', 'no colour in terminal output')
    .option('--no-input', 'never prompt; fail with exit 2 where an answer is needed')
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('after', EXIT_CODES);

  const globals = (cmd: Command): GlobalOptions => {
    const all = cmd.optsWithGlobals<Partial<GlobalOptions>>();
    return { playbooks: all.playbooks ?? [], color: all.color !== false, input: all.input !== false };
  };

  const runCheck = async (raw: RawReportOptions & CheckFlags & ScopeFlags, cmd: Command) => {
    const { checkCommand } = await import('./commands/check.js');
    await checkCommand(processContext(), { ...globals(cmd), ...toReportOptions(raw), ...checkFlags(raw), ...scopeFlags(raw) });
  };

  scopeOptions(reportOptions(
    program
      .command('check', { isDefault: true })
      .description('the readiness check: interactive in a terminal, or from --answers FILE')
      .option('-a, --answers <file>', 'read answers from this file instead of asking')
      .option('--resume <file>', 'continue this saved session without asking')
      .option('--restart', 'start a new session even if an unfinished one exists for the vendor')
      .option('--recheck <file>', 'ask again only the answers that are due (and any never given), then write a new report')
      .option('--vendor <name>', 'the vendor, so the interview does not ask')
      .addOption(new Option('--type <type>', 'the engagement type, so the interview does not ask').choices(TYPES)),
  )).action(runCheck);

  scopeOptions(reportOptions(program.command('report').description('render the readiness report from an answers or session file').argument('<file>', 'answers or session file'))).action(
    async (file: string, raw: RawReportOptions & ScopeFlags, cmd: Command) => {
      const { reportCommand } = await import('./commands/report.js');
      await reportCommand(processContext(), { ...globals(cmd), ...toReportOptions(raw), ...scopeFlags(raw), file });
    },
  );

  scopeOptions(program
    .command('checklist'))
    .description('the pre-contract checklist, for an engagement type or ticked from answers')
    .addOption(new Option('--type <type>', 'engagement type').choices(TYPES))
    .option('-a, --answers <file>', 'tick the clauses these answers show are in place')
    .option('-o, --out <path>', 'write to a file instead of stdout')
    .option('-f, --force', 'overwrite an existing file')
    .option('--json', 'print JSON')
    .option('--no-notes', 'leave your notes out (to send the checklist to the vendor or their counsel)')
    .action(async (raw: { type?: (typeof TYPES)[number]; answers?: string; out?: string; force?: boolean; json?: boolean; notes?: boolean } & ScopeFlags, cmd: Command) => {
      const { checklistCommand } = await import('./commands/checklist.js');
      await checklistCommand(processContext(), {
        ...globals(cmd),
        ...scopeFlags(raw),
        ...(raw.type ? { type: raw.type } : {}),
        ...(raw.answers ? { answers: raw.answers } : {}),
        ...(raw.out ? { out: raw.out } : {}),
        force: raw.force === true,
        json: raw.json === true,
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
      await templateCommand(processContext(), { ...globals(cmd), ...scopeFlags(raw), type: raw.type, playbook: raw.playbook ?? [] });
    });

  program
    .command('compare')
    .description('compare vendors side by side, or one vendor over time (answers, session or --json report files)')
    .argument('<files...>', 'two or more files')
    .option('-o, --out <path>', 'write the markdown to a file instead of stdout')
    .option('-f, --force', 'overwrite an existing file')
    .option('--json', 'print JSON')
    .option('--no-notes', 'leave your notes out (to share the comparison)')
    .action(async (files: string[], raw: { out?: string; force?: boolean; json?: boolean; notes?: boolean }, cmd: Command) => {
      const { compareCommand } = await import('./commands/compare.js');
      await compareCommand(processContext(), { ...globals(cmd), files, ...(raw.out ? { out: raw.out } : {}), force: raw.force === true, json: raw.json === true, notes: raw.notes !== false });
    });

  program
    .command('history')
    .description('the saved sessions, newest first')
    .option('--json', 'print JSON')
    .action(async (raw: { json?: boolean }, cmd: Command) => {
      const { historyCommand } = await import('./commands/history.js');
      await historyCommand(processContext(), { ...globals(cmd), json: raw.json === true });
    });

  program
    .command('due')
    .description('vendors with answers to confirm again now or soon')
    .addOption(new Option('--within <days>', 'how far ahead to look').default(30).argParser(daysArg))
    .option('--json', 'print JSON')
    .action(async (raw: { json?: boolean; within: number }, cmd: Command) => {
      const { dueCommand } = await import('./commands/due.js');
      await dueCommand(processContext(), { ...globals(cmd), json: raw.json === true, within: raw.within });
    });

  const playbooks = program.command('playbooks').description('list, show, validate and import playbooks');
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
      await printSchema(processContext(), { which });
    });

  return program;
}

