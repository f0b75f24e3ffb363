/**
 * What the interview needs from a person. The real one (prompts.ts) talks to
 * a terminal; tests hand in a scripted one, so the interview logic runs
 * without a terminal.
 */

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  /** One letter that picks it at once, shown beside it. */
  key?: string;
  /** Drawn in green, yellow or red where colour is on. */
  tone?: 'ok' | 'warn' | 'bad';
}

export interface SeparatorLine {
  separator: string;
}

export type Listed<T> = Choice<T> | SeparatorLine;

export function isSeparator<T>(entry: Listed<T>): entry is SeparatorLine {
  return 'separator' in entry;
}

export interface Asker {
  /**
   * `detail` is shown under the message (a note given so far) and stays under
   * the answer line; `back` is what Esc or ← answers, where going back makes sense.
   */
  select<T>(message: string, choices: readonly Listed<T>[], options?: { default?: T; pageSize?: number; detail?: string; back?: T }): Promise<T>;
  /** `validate` returns true, or what is wrong; the person is asked again until it holds. */
  input(message: string, options?: { default?: string; required?: boolean; validate?: (value: string) => true | string }): Promise<string>;
  checkbox<T>(message: string, choices: readonly (Choice<T> & { checked: boolean })[]): Promise<T[]>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}
