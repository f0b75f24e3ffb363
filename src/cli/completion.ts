import type { Command, Option } from 'commander';

/** What a value after an option or in an argument's place can be. */
/** `text`: a value with nothing to offer (a name, a number); `none`: no value at all. */
export type Values = { words: string[] } | 'files' | 'text' | 'none';

export interface OptionSpec {
  flags: string[];
  description: string;
  values: Values;
}

export interface CommandSpec {
  /** Command words from the top: ['playbooks', 'show']. */
  path: string[];
  description: string;
  options: OptionSpec[];
  subcommands: string[];
  /** What the positional arguments take, if any. */
  args: Values;
}

export interface CompletionSpec {
  name: string;
  globals: OptionSpec[];
  commands: CommandSpec[];
}

/** Reads the commands and options from the program itself, so completion cannot fall behind `--help`. */
export function completionSpec(program: Command, playbookIds: readonly string[]): CompletionSpec {
  const option = (o: Option): OptionSpec => {
    const takes = o.required || o.optional;
    const values: Values = !takes ? 'none' : o.argChoices ? { words: [...o.argChoices] } : o.long === '--playbook' ? { words: [...playbookIds] } : /<(n|days|name)>/.test(o.flags) ? 'text' : 'files';
    return { flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'), description: o.description, values };
  };
  const commands: CommandSpec[] = [];
  const walk = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      const here = [...path, sub.name()];
      const arg = sub.registeredArguments[0];
      const args: Values = !arg ? 'none' : arg.argChoices ? { words: [...arg.argChoices] } : arg.name() === 'id' ? { words: [...playbookIds] } : 'files';
      commands.push({ path: here, description: sub.description(), options: sub.options.map(option), subcommands: sub.commands.map((c) => c.name()), args });
      walk(sub, here);
    }
  };
  walk(program, []);
  // --version belongs to the program alone; it is offered before a command, not after each.
  return { name: program.name(), globals: program.options.filter((o) => o.long !== '--version').map(option), commands };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const flagsOf = (options: readonly OptionSpec[]) => options.flatMap((o) => o.flags);

export function bashScript(spec: CompletionSpec): string {
  const fn = `_${spec.name.replace(/\W/g, '_')}`;
  const all = [...spec.globals, ...spec.commands.flatMap((c) => c.options)];
  const valued = [...new Set(all.filter((o) => o.values !== 'none').flatMap((o) => o.flags))];
  const byValues = new Map<string, string[]>();
  for (const o of all) {
    if (o.values === 'none' || o.values === 'text') continue;
    const action = o.values === 'files' ? 'COMPREPLY=($(compgen -f -- "$cur"))' : `COMPREPLY=($(compgen -W ${quote(o.values.words.join(' '))} -- "$cur"))`;
    byValues.set(action, [...new Set([...(byValues.get(action) ?? []), ...o.flags])]);
  }
  const check = spec.commands.find((c) => c.path.join(' ') === 'check');
  const top = [...spec.commands.filter((c) => c.path.length === 1).map((c) => c.path[0] ?? ''), ...flagsOf(spec.globals), ...flagsOf(check?.options ?? []), '--help', '-V', '--version'];
  // Deeper commands first, so `playbooks show` is matched before `playbooks`.
  const ordered = [...spec.commands].sort((a, b) => b.path.length - a.path.length);
  const cases = ordered.map((c) => {
    const key = c.path.join(' ');
    const words = [...c.subcommands, ...(typeof c.args === 'object' ? c.args.words : []), ...flagsOf(c.options), ...flagsOf(spec.globals), '--help'];
    const files = c.args === 'files' ? ' files=1;' : '';
    return `    ${quote(key)}|${quote(`${key} `)}*) words=${quote(words.join(' '))};${files} ;;`;
  });
  return `# bash completion for ${spec.name}
# Install: ${spec.name} completion bash > ~/.local/share/bash-completion/completions/${spec.name}
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmdpath="" words="" files=0 skip=0 i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    case $w in
      ${valued.join('|')}) skip=1 ;;
      -*) ;;
      *) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  case $prev in
${[...byValues].map(([action, flags]) => `    ${flags.join('|')}) ${action}; return ;;`).join('\n')}
  esac
  case $cmdpath in
    '') words=${quote(top.join(' '))} ;;
${cases.join('\n')}
  esac
  # Where a file is expected, only an option word is completed here; -o default completes the file names.
  if ((files)) && [[ $cur != -* ]]; then COMPREPLY=(); return; fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${spec.name}
`;
}

export function zshScript(spec: CompletionSpec): string {
  // zsh runs the bash completion through its bashcompinit layer: one script to keep right, not two.
  return `# zsh completion for ${spec.name}
# Install: ${spec.name} completion zsh > "\${fpath[1]}/_${spec.name}", or add to ~/.zshrc: eval "$(${spec.name} completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(spec).replace(/^# .*\n# Install: .*\n/, '')}`;
}

export function fishScript(spec: CompletionSpec): string {
  const n = spec.name;
  const lines = [`# fish completion for ${n}`, `# Install: ${n} completion fish > ~/.config/fish/completions/${n}.fish`, `complete -c ${n} -f`];
  const optionLine = (o: OptionSpec, condition: string | null) => {
    const parts = [`complete -c ${n}`];
    if (condition) parts.push(`-n ${quote(condition)}`);
    for (const f of o.flags) parts.push(f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`);
    if (o.values === 'files') parts.push('-rF');
    else if (o.values === 'text') parts.push('-x');
    else if (typeof o.values === 'object') parts.push(`-xa ${quote(o.values.words.join(' '))}`);
    parts.push(`-d ${quote(o.description)}`);
    return parts.join(' ');
  };
  const topNames = spec.commands.filter((c) => c.path.length === 1).map((c) => c.path[0] ?? '');
  for (const o of spec.globals) lines.push(optionLine(o, null));
  for (const c of spec.commands) {
    const parent = c.path.slice(0, -1);
    const name = c.path[c.path.length - 1] ?? '';
    const siblings = parent.length === 0 ? topNames : (spec.commands.find((p) => p.path.join(' ') === parent.join(' '))?.subcommands ?? []);
    const offered = parent.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${parent.join(' ')}; and not __fish_seen_subcommand_from ${siblings.join(' ')}`;
    lines.push(`complete -c ${n} -n ${quote(offered)} -a ${name} -d ${quote(c.description)}`);
    const inside = `__fish_seen_subcommand_from ${name}`;
    for (const o of c.options) lines.push(optionLine(o, inside));
    if (typeof c.args === 'object') lines.push(`complete -c ${n} -n ${quote(inside)} -a ${quote(c.args.words.join(' '))}`);
    else if (c.args === 'files') lines.push(`complete -c ${n} -n ${quote(inside)} -F`);
    // check is the default command: its options apply before any command word.
    if (c.path.join(' ') === 'check') for (const o of c.options) lines.push(optionLine(o, '__fish_use_subcommand'));
  }
  return `${lines.join('\n')}\n`;
}
