import { terminalText } from './safe.js';
import { displayWidth } from './text-width.js';

/** Word-wraps plain text for a terminal of `width` columns; control characters in it come out escaped. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = terminalText(text.replace(/\s+/g, ' ').trim()).split(' ');
  const lines: string[] = [];
  let line = first;
  let indent = first;
  for (const word of words) {
    if (line.length > indent.length && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = rest;
      indent = rest;
    }
    line += line.length > indent.length ? ` ${word}` : word;
  }
  lines.push(line);
  return lines;
}

function visibleLength(s: string): number {
  return displayWidth(s);
}

/**
 * The prompt library breaks a line that is too long at the last column, in
 * the middle of a word; so a prompt's message arrives wrapped at word
 * boundaries, with room on its first line for the prompt's "? " mark.
 */
export function promptText(text: string, width: number): string {
  const [first = '', ...rest] = wrap(text, width, '  ', '');
  return [first.slice(2), ...rest].join('\n');
}
