import { checkbox, confirm, input, Separator } from '@inquirer/prompts';
import { Chalk } from 'chalk';
import { InterruptedError } from '../errors.js';
import { wrap } from '../terminal/wrap.js';
import { isSeparator, type Asker } from './asker.js';
import { menu, type MenuChoice, type MenuPaint, type Tone } from './menu.js';
import { terminalLine, terminalText } from '../terminal/safe.js';

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

interface Paint extends MenuPaint {
  done: string;
  answer: (tone: Tone | undefined, text: string) => string;
}

/** Colours for the prompts we draw ourselves: chalk on stderr's terms, not styleText on stdout's. */
function paintFor(color: boolean): Paint {
  const c = new Chalk({ level: color ? 1 : 0 });
  const tone = (t: Tone | undefined, text: string) => (t === 'ok' ? c.green(text) : t === 'warn' ? c.yellow(text) : t === 'bad' ? c.red(text) : text);
  return {
    prefix: color ? c.blue('?') : '?',
    done: color ? c.green('✔') : '>',
    cursor: color ? c.cyan('❯') : '>',
    message: (t) => c.bold(t),
    detail: (t) => c.dim(t),
    highlight: (t) => (color ? c.cyan(t) : t),
    hint: (t) => c.dim(t),
    tone,
    answer: (t, text) => (t ? tone(t, text) : c.cyan(text)),
  };
}

/**
 * The line left on screen once a prompt is answered: the message, then the
 * answer after its last line if it fits, else on lines of its own, broken
 * between words; then the detail lines, so an answer never sits on a note's line.
 */
export function answerLines(message: string, answer: string, detail: string | undefined, width: number, paint: Pick<Paint, 'done' | 'message' | 'detail'> & { answer: (text: string) => string }): string[] {
  const lines = message.split('\n');
  const lastIndex = lines.length - 1;
  const visible = (s: string) => s.length + (lastIndex === 0 ? 2 : 0);
  const out = lines.map((l, i) => (i === 0 ? `${paint.done} ${paint.message(l)}` : paint.message(l)));
  const lastLine = lines[lastIndex] ?? '';
  if (answer !== '' && visible(lastLine) + 1 + answer.length <= width) out[lastIndex] = `${out[lastIndex]} ${paint.answer(answer)}`;
  else if (answer !== '') out.push(...wrap(answer, width, '  ', '  ').map((l) => paint.answer(l)));
  if (detail) out.push(...detail.split('\n').map((l) => paint.detail(l)));
  return out;
}

/** The only place that imports the prompt library. Prompts draw on stderr, so stdout stays data. */
export function terminalAsker(options: { color: boolean; output: NodeJS.WritableStream; width?: number; signal?: AbortSignal }): Asker {
  // An aborted signal ends the prompt on screen (restoring the cursor) as Ctrl-C does, and every later one at once.
  const signal = options.signal ? { signal: options.signal } : {};
  const context = { output: options.output, clearPromptOnDone: false, ...signal };
  // Menus and inputs are cleared when answered (and on Ctrl-C, so "Interrupted" never follows a dead menu);
  // their answer line is then written here, broken between words.
  const cleared = { output: options.output, clearPromptOnDone: true, ...signal };
  const width = Math.min(options.width ?? 80, 80);
  const paint = paintFor(options.color);
  const theme = options.color ? {} : { theme: PLAIN_THEME };
  const guard = async <T>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt;
    } catch (error) {
      if (isExitPrompt(error)) throw new InterruptedError('interrupted', { cause: error });
      throw error;
    }
  };
  const say = (lines: readonly string[]) => options.output.write(`${lines.join('\n')}\n`);
  return {
    // Questions and choice names come from playbooks and sessions: the prompts show them escaped, this being where they meet the terminal.
    select: async (raw, choices, opts) => {
      const message = terminalText(raw);
      const detail = opts?.detail ? terminalText(opts.detail) : undefined;
      const items = choices.map((c): MenuChoice<unknown> | Separator => (isSeparator(c) ? new Separator(terminalLine(c.separator)) : { ...c, name: terminalLine(c.name), ...(c.description ? { description: terminalText(c.description) } : {}) }));
      const value = await guard(
        menu(
          {
            message,
            choices: items,
            pageSize: opts?.pageSize ?? 12,
            paint,
            ...(opts?.default !== undefined ? { default: opts.default } : {}),
            ...(opts?.back !== undefined ? { back: opts.back } : {}),
            ...(detail ? { detail } : {}),
          },
          cleared,
        ),
      );
      const chosen = items.find((c): c is MenuChoice<unknown> => !(c instanceof Separator) && c.value === value);
      const name = chosen ? chosen.name : value === opts?.back ? '← back' : terminalLine(String(value));
      say(answerLines(message, name, detail, width, { ...paint, answer: (t) => paint.answer(chosen?.tone, t) }));
      return value as never;
    },
    input: async (raw, opts) => {
      const message = terminalText(raw);
      const value = await guard(input({ message, required: opts?.required ?? false, ...(opts?.default !== undefined ? { default: opts.default } : {}), ...(opts?.validate ? { validate: opts.validate } : {}), ...theme }, cleared));
      say(answerLines(message, terminalLine(value), undefined, width, { ...paint, answer: (t) => paint.answer(undefined, t) }));
      return value;
    },
    checkbox: (message, choices) =>
      guard(
        checkbox(
          {
            message: terminalText(message),
            choices: choices.map((c) => ({ value: c.value, name: terminalLine(c.name), checked: c.checked })),
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
    confirm: (message, defaultValue) => guard(confirm({ message: terminalText(message), default: defaultValue, ...theme }, context)),
  };
}
