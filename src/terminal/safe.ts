/**
 * Text from files (playbooks, answers, session files, paths, names typed by a
 * user) must reach a terminal as text, never as a command to it: an escape
 * sequence in a playbook title could retitle the window, clear the screen,
 * move the cursor over earlier lines or plant a hyperlink; bidi overrides can
 * make a line read differently from what it holds.
 *
 * So every control character is shown escaped, as `\x1b`, `\x9b` or
 * `\u202e`: the text stays visible (a user can find the odd key in the
 * file) and harmless. The one exception is an SGR sequence that only sets
 * colour, bold, dim or underline, which is what this tool's own styling
 * emits (src/terminal/style.ts): text already styled passes through the
 * helpers again unchanged. Escaping is idempotent, so applying it at more
 * than one layer is harmless.
 */

// C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates (Trojan Source).
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[([0-9;]*)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\t\n]/g;

/** Reset, bold, dim, underline and their ends, foreground colours: what chalk's basic level emits. */
const STYLE_PARAMS = new Set(['', '0', '1', '2', '4', '22', '24', '39', ...Array.from({ length: 8 }, (_, i) => String(30 + i)), ...Array.from({ length: 8 }, (_, i) => String(90 + i))]);

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\r') return '\\r';
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text made safe to print: control characters escaped, newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (match: string, params: string | undefined) => {
    if (params === undefined) return escapeChar(match);
    return params.split(';').every((p) => STYLE_PARAMS.has(p)) ? match : escapeChar('\u001b') + match.slice(1);
  });
}

/** For a one-line slot (a table cell, a label): newlines and tabs are escaped too. */
export function terminalLine(text: string): string {
  return terminalText(text).replace(LINE_BREAKS, escapeChar);
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 but writes C1 and
 * bidi controls raw; inside a JSON string `\u009b` is the same text, so the
 * data is unchanged and the terminal sees no control.
 */
export function safeJson(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
