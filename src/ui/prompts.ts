import { checkbox, confirm, input, select, Separator } from '@inquirer/prompts';
import { InterruptedError } from '../errors.js';
import { isSeparator, type Asker, type Listed } from './asker.js';

const plain = (text: string): string => text;

/**
 * The prompt library colours with Node's styleText, which looks at stdout and
 * the environment, not at --no-color or at stderr where the prompts draw; so
 * without colour every style is replaced by plain text.
 */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '>' },
  style: {
    answer: plain,
    message: plain,
    error: (t: string) => `> ${t}`,
    defaultAnswer: (t: string) => `(${t})`,
    help: plain,
    highlight: plain,
    key: (t: string) => `<${t}>`,
    description: plain,
    disabled: plain,
    // The "↑↓ navigate • ⏎ select" line under select and checkbox is bold and dim by default.
    keysHelpTip: (keys: readonly (readonly [string, string])[]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
  icon: { cursor: '>', checked: ' [x]', unchecked: ' [ ]' },
};

function isExitPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/** The only place that imports the prompt library. Prompts draw on stderr, so stdout stays data. */
export function terminalAsker(options: { color: boolean; output: NodeJS.WritableStream; signal?: AbortSignal }): Asker {
  // An aborted signal ends the prompt on screen (restoring the cursor) as Ctrl-C does, and every later one at once.
  const context = { output: options.output, clearPromptOnDone: false, ...(options.signal ? { signal: options.signal } : {}) };
  const theme = options.color ? {} : { theme: PLAIN_THEME };
  const guard = async <T>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt;
    } catch (error) {
      if (isExitPrompt(error)) throw new InterruptedError('interrupted', { cause: error });
      throw error;
    }
  };
  const toChoices = <T>(choices: readonly Listed<T>[]) =>
    choices.map((c) => (isSeparator(c) ? new Separator(c.separator) : { value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
  return {
    select: (message, choices, opts) =>
      guard(select({ message, choices: toChoices(choices), loop: false, pageSize: opts?.pageSize ?? 12, ...(opts?.default !== undefined ? { default: opts.default } : {}), ...theme }, context)),
    input: (message, opts) =>
      guard(input({ message, required: opts?.required ?? false, ...(opts?.default !== undefined ? { default: opts.default } : {}), ...(opts?.validate ? { validate: opts.validate } : {}), ...theme }, context)),
    checkbox: (message, choices) =>
      guard(
        checkbox(
          {
            message,
            choices: choices.map((c) => ({ value: c.value, name: c.name, checked: c.checked })),
            required: true,
            loop: false,
            pageSize: Math.max(choices.length, 7),
            // The answer line lists "all 8" or a count, not every name, so it fits one line.
            theme: {
              ...(options.color ? {} : PLAIN_THEME),
              style: {
                ...(options.color ? {} : PLAIN_THEME.style),
                renderSelectedChoices: (selected: readonly unknown[], all: readonly unknown[]) =>
                  selected.length === all.length ? `all ${all.length}` : `${selected.length} of ${all.length}`,
              },
            },
          },
          context,
        ),
      ),
    confirm: (message, defaultValue) => guard(confirm({ message, default: defaultValue, ...theme }, context)),
  };
}
