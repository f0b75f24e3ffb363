/**
 * Markdown building blocks that stay valid (GitHub-flavoured, markdownlint
 * clean) whatever a user typed: text is escaped, kept on one logical line,
 * wrapped at 80 columns, and never allowed to start a block by accident.
 */

import { cutWhere, displayWidth } from '../terminal/text-width.js';

export const LINE_WIDTH = 80;

// GFM links a URL after any non-alphanumeric character, `_` included (which `\b` would miss).
const URL = /(?<![A-Za-z0-9])https?:\/\/[^\s<>|`\\"]*[^\s<>|`\\".,;:!?)\]'*_~]/g;
const SPECIAL = /[\\`*_[\]<>#|~&$]/g;
// Bare emails and www. links become links on GitHub (and MD034 flags them); an escape breaks the match.
const AUTOLINK_LITERAL = /((?<![A-Za-z0-9])www)\.|@(?=[A-Za-z0-9])/g;

function escapePlain(text: string): string {
  return text.replace(SPECIAL, (ch) => `\\${ch}`).replace(AUTOLINK_LITERAL, (_match, www: string | undefined) => (www ? `${www}\\.` : '\\@'));
}

// C0 but whitespace, DEL, C1, and bidi embeddings, overrides and isolates: invisible in a rendered page, live in a terminal that shows the file.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** Text from a file with its control characters dropped and its whitespace made single spaces. */
export function plainText(text: string): string {
  return text.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** User or playbook text as inline markdown on one line: URLs become autolinks, everything else is literal. */
export function inline(text: string): string {
  const flat = plainText(text);
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(URL)) {
    out += escapePlain(flat.slice(last, match.index));
    out += `<${match[0]}>`;
    last = match.index + match[0].length;
  }
  return out + escapePlain(flat.slice(last));
}

/**
 * Truncates long user text for a table cell or heading, where lines cannot
 * wrap. `max` bounds the markdown, not the text: escapes can double its length
 * (`| | |` becomes `\| \| \|`), and it is the line that must fit.
 */
export function cell(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // Cut between graphemes, and measured both ways: in display columns (a CJK character is two) and in
  // code units (what a line-length linter counts), so the line fits an editor and the lint alike.
  return inline(cutWhere(flat, (candidate) => {
    const out = inline(candidate);
    return out.length <= max && displayWidth(out) <= max;
  }));
}

/** Keeps a wrapped line from opening a list, heading, quote or setext underline. */
function guardLineStart(line: string): string {
  return line.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Wraps already-inline markdown at word boundaries. Continuation lines get
 * `indent` (so they stay inside a list item) and a guard at their start.
 * Autolinks and escapes contain no spaces, so they are never split.
 */
export function wrap(markdown: string, first: string, indent: string, width = LINE_WIDTH): string[] {
  const words = markdown.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + guardLineStart(word);
    } else {
      line += empty ? guardLineStart(word) : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line.trimEnd());
  return lines;
}

export function paragraph(markdown: string): string {
  return wrap(markdown, '', '').join('\n');
}

/** A list item; `base` indents it under a parent item. */
export function bullet(markdown: string, marker = '-', base = ''): string {
  return wrap(markdown, `${base}${marker} `, base + ' '.repeat(marker.length + 1)).join('\n');
}

/** What markdownlint (MD026) will not let a heading end with; names often do ("Acme Co."). */
const TRAILING_PUNCTUATION = /[\s.,;:!。，；：！]+$/u;

/** Headings cannot wrap, so user text in them is cut to fit the line, and loses trailing punctuation. */
export function heading(level: 1 | 2 | 3 | 4, prefix: string, userText = ''): string {
  const start = `${'#'.repeat(level)} ${prefix}`;
  if (userText === '') return start;
  // Controls go first: `Ltd.` followed by an invisible control must still lose its dot.
  const text = plainText(userText).replace(TRAILING_PUNCTUATION, '');
  // A name that is nothing but punctuation: the prefix alone, without its own `: `.
  if (text === '') return start.replace(TRAILING_PUNCTUATION, '');
  return `${start}${cell(text, LINE_WIDTH - start.length - 12)}`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right' | 'center')[] = []): string {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : align[i] === 'center' ? ':---:' : '---'));
  return [headers, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * GFM table rows cannot wrap. Where a table must run past 80 columns (a wide
 * matrix, a long item id), the line-length rule is switched off around that table alone.
 */
export function fitTable(markdown: string): string {
  const tooWide = markdown.split('\n').some((l) => l.length > LINE_WIDTH);
  return tooWide ? `<!-- markdownlint-disable MD013 -->\n${markdown}\n<!-- markdownlint-enable MD013 -->` : markdown;
}

/** A ten-step bar of block characters; readable in a terminal, a diff and rendered markdown. */
export function bar(percent: number | null, width = 10): string {
  if (percent === null) return '░'.repeat(width);
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Blocks joined by one blank line, ending in exactly one newline. */
export function document(blocks: readonly (string | null | false)[]): string {
  return `${blocks.filter((b): b is string => typeof b === 'string' && b !== '').join('\n\n')}\n`;
}
