/**
 * The choice prompt of the interview, on @inquirer/core like the library's own
 * select, with what that one lacks: letter shortcuts that answer at once,
 * Esc or ← for "back" (so "previous" is no menu entry), number keys that never
 * read "2, 1" as 21 where there is no 21st choice, and colour per choice.
 */
import { createPrompt, isDownKey, isEnterKey, isNumberKey, isUpKey, Separator, useKeypress, useMemo, usePagination, useRef, useState, type KeypressEvent } from '@inquirer/core';

export type Tone = 'ok' | 'warn' | 'bad';

export interface MenuChoice<T> {
  value: T;
  name: string;
  description?: string;
  /** One letter that picks this choice at once. */
  key?: string;
  tone?: Tone;
}

/** How the menu draws; colour or plain is decided by whoever makes it. */
export interface MenuPaint {
  prefix: string;
  message: (text: string) => string;
  detail: (text: string) => string;
  highlight: (text: string) => string;
  hint: (text: string) => string;
  tone: (tone: Tone | undefined, text: string) => string;
  cursor: string;
}

export interface MenuConfig<T> {
  message: string;
  /** Lines under the message, such as the note given so far. */
  detail?: string;
  choices: readonly (MenuChoice<T> | Separator)[];
  default?: T;
  pageSize?: number;
  /** Esc or ← answers this value: "go back". Without it those keys do nothing. */
  back?: T;
  paint: MenuPaint;
}

/** The key help under the menu: a prompt is waiting for keys when this is its last line. */
export const MENU_HELP = '↑↓ navigate • ⏎ select';

const HIDE_CURSOR = '\u001b[?25l';
const isChoice = <T>(item: MenuChoice<T> | Separator): item is MenuChoice<T> => !Separator.isSeparator(item);

/** The number typed so far, or, when that names no choice (no 21st), the digit just typed on its own. */
export function numberPick(typed: string, digit: string, count: number): number {
  const all = Number(typed);
  return Number.isInteger(all) && all >= 1 && all <= count ? all : Number(digit);
}

export const menu = createPrompt(<T>(config: MenuConfig<T>, done: (value: T) => void): string => {
  const { paint } = config;
  const items = config.choices;
  const choices = useMemo(() => items.filter(isChoice), [items]);
  if (choices.length === 0) throw new Error('[menu] No selectable choices.');
  const first = items.findIndex(isChoice);
  const last = items.length - 1 - [...items].reverse().findIndex(isChoice);
  const initial = config.default === undefined ? -1 : items.findIndex((i) => isChoice(i) && i.value === config.default);
  const [active, setActive] = useState(initial === -1 ? first : initial);
  const [finished, setFinished] = useState(false);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);

  const finish = (value: T) => {
    setFinished(true);
    done(value);
  };

  useKeypress((key: KeypressEvent & { sequence?: string; meta?: boolean }, rl) => {
    clearTimeout(timer.current);
    const picked = items[active];
    if (isEnterKey(key)) {
      if (picked && isChoice(picked)) finish(picked.value);
      return;
    }
    if (config.back !== undefined && (key.name === 'escape' || key.name === 'left')) {
      finish(config.back);
      return;
    }
    if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      const step = isUpKey(key) ? -1 : 1;
      if ((step < 0 && active === first) || (step > 0 && active === last)) return;
      let next = active + step;
      while (!isChoice(items[next] as MenuChoice<T> | Separator)) next += step;
      setActive(next);
      return;
    }
    if (isNumberKey(key)) {
      const n = numberPick(rl.line, key.name, choices.length);
      if (String(n) !== rl.line) {
        // Start the number again from this digit, so the next one builds on it.
        rl.clearLine(0);
        rl.write(key.name);
      }
      const target = choices[n - 1];
      if (target) setActive(items.indexOf(target));
      timer.current = setTimeout(() => rl.clearLine(0), 700);
      return;
    }
    const letter = !key.ctrl && !key.meta && key.name.length === 1 ? key.name.toLowerCase() : null;
    rl.clearLine(0);
    const shortcut = letter ? choices.find((c) => c.key === letter) : undefined;
    if (shortcut) finish(shortcut.value);
  });

  const page = usePagination({
    items: items as (MenuChoice<T> | Separator)[],
    active,
    pageSize: config.pageSize ?? 7,
    loop: false,
    renderItem({ item, isActive }) {
      if (!isChoice(item)) return ` ${item.separator}`;
      const label = `${paint.tone(item.tone, item.name)}${item.key ? paint.hint(` (${item.key})`) : ''}`;
      return isActive ? `${paint.cursor} ${paint.highlight(label)}` : `  ${label}`;
    },
  });

  // The answer line is drawn by the caller once the menu is cleared (see prompts.ts), so that it wraps by words.
  if (finished) return '';
  const picked = items[active];
  const keys = choices.filter((c) => c.key).map((c) => c.key);
  const help = [MENU_HELP, ...(keys.length > 0 ? [`${keys.join(' ')} answer`] : []), ...(config.back !== undefined ? ['esc ← back'] : [])].join(' • ');
  return [
    `${paint.prefix} ${paint.message(config.message)}`,
    ...(config.detail ? [paint.detail(config.detail)] : []),
    page,
    ' ',
    ...(picked && isChoice(picked) && picked.description ? [paint.detail(picked.description)] : []),
    paint.hint(help),
  ].join('\n') + HIDE_CURSOR;
});
