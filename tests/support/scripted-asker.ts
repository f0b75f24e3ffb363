import { InterruptedError } from '../../src/errors.js';
import { isSeparator, type Asker, type Choice, type Listed } from '../../src/ui/asker.js';

export type PromptKind = 'select' | 'input' | 'checkbox' | 'confirm';

/** What the interview put in front of the person, recorded for assertions. */
export interface Shown {
  kind: PromptKind;
  message: string;
  /** Choice labels in order; separators as `── …` lines as given. */
  names: string[];
  values: unknown[];
  default: unknown;
  /** What Esc or ← would answer, when the prompt offers going back. */
  back?: unknown;
}

/** One scripted reply: the kind of prompt it expects, an optional check on the message, and the answer. */
export interface Step {
  kind: PromptKind;
  /** Text the (whitespace-normalised) message must contain, or a pattern it must match. */
  expect?: string | RegExp;
  answer?: unknown;
  interrupt?: boolean;
}

export const select = (answer: unknown, expect?: string | RegExp): Step => ({ kind: 'select', answer, ...(expect !== undefined ? { expect } : {}) });
export const input = (answer: string, expect?: string | RegExp): Step => ({ kind: 'input', answer, ...(expect !== undefined ? { expect } : {}) });
export const interrupt = (kind: PromptKind, expect?: string | RegExp): Step => ({ kind, interrupt: true, ...(expect !== undefined ? { expect } : {}) });

/** Answers a prompt the script has no step for; returning undefined means "no answer" and fails the test. */
export type Fallback = (shown: Shown) => unknown;

/** Lines are wrapped for the terminal; the script matches on the text, not the layout. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * An Asker that replays a queue of answers and records every prompt it was
 * shown. It fails loudly when the interview asks something the script did not
 * expect, asks more than the script holds, or gets an answer that was not on
 * offer, so a test cannot pass by accident.
 */
export class ScriptedAsker implements Asker {
  readonly shown: Shown[] = [];
  private readonly steps: Step[];

  constructor(
    steps: readonly Step[],
    private readonly hooks: { onAnswer?: (shown: Shown) => void; fallback?: Fallback } = {},
  ) {
    this.steps = [...steps];
  }

  get remaining(): number {
    return this.steps.length;
  }

  private reply(shown: Shown): unknown {
    this.shown.push(shown);
    const step = this.steps.shift();
    if (!step) {
      const answer = this.hooks.fallback?.(shown);
      if (answer === undefined) throw new Error(`script ran out at ${shown.kind} prompt "${flat(shown.message)}" (prompt #${this.shown.length})`);
      this.hooks.onAnswer?.(shown);
      return answer;
    }
    const message = flat(shown.message);
    if (step.kind !== shown.kind) throw new Error(`script expected a ${step.kind} prompt, got ${shown.kind} "${message}" (prompt #${this.shown.length})`);
    if (typeof step.expect === 'string' && !message.includes(flat(step.expect))) throw new Error(`script expected "${step.expect}", got "${message}" (prompt #${this.shown.length})`);
    if (step.expect instanceof RegExp && !step.expect.test(message)) throw new Error(`script expected ${String(step.expect)}, got "${message}" (prompt #${this.shown.length})`);
    if (step.interrupt) throw new InterruptedError('interrupted');
    if (shown.kind === 'select' && !shown.values.includes(step.answer) && !('back' in shown && shown.back === step.answer)) {
      throw new Error(`script answers ${JSON.stringify(step.answer)} to "${message}", which offers only ${JSON.stringify(shown.values)}`);
    }
    this.hooks.onAnswer?.(shown);
    return step.answer;
  }

  async select<T>(message: string, choices: readonly Listed<T>[], options?: { default?: T; pageSize?: number; detail?: string; back?: T }): Promise<T> {
    const picks = choices.filter((c): c is Choice<T> => !isSeparator(c));
    const names = choices.map((c) => (isSeparator(c) ? c.separator : c.name));
    // The detail (a note so far) is shown with the message, so a step can expect it there.
    const shown: Shown = { kind: 'select', message: options?.detail ? `${message}\n${options.detail}` : message, names, values: picks.map((c) => c.value), default: options?.default };
    if (options?.back !== undefined) shown.back = options.back;
    return this.reply(shown) as T;
  }

  /** Like the real prompt, an answer `validate` refuses is shown its message and asked again (the next step). */
  readonly refused: string[] = [];

  async input(message: string, options?: { default?: string; required?: boolean; validate?: (value: string) => true | string }): Promise<string> {
    for (;;) {
      const answer = this.reply({ kind: 'input', message, names: [], values: [], default: options?.default }) as string;
      const verdict = options?.validate?.(answer) ?? true;
      if (verdict === true) return answer;
      this.refused.push(verdict);
    }
  }

  async checkbox<T>(message: string, choices: readonly (Choice<T> & { checked: boolean })[]): Promise<T[]> {
    return this.reply({ kind: 'checkbox', message, names: choices.map((c) => c.name), values: choices.map((c) => c.value), default: choices.filter((c) => c.checked).map((c) => c.value) }) as T[];
  }

  async confirm(message: string, defaultValue: boolean): Promise<boolean> {
    return this.reply({ kind: 'confirm', message, names: [], values: [true, false], default: defaultValue }) as boolean;
  }
}
