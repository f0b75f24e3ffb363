import { Chalk } from 'chalk';
import type { Severity } from '../playbook/schema.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  ok(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
  severity(severity: Severity, text: string): string;
}

/** One place decides colour; a Style with colour off returns text untouched. */
export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    underline: (t) => c.underline(t),
    ok: (t) => c.green(t),
    warn: (t) => c.yellow(t),
    bad: (t) => c.red(t),
    severity: (sev, t) => (sev === 'critical' ? c.red(t) : sev === 'major' ? c.yellow(t) : c.gray(t)),
  };
}

/** Word-wraps plain text for a terminal of `width` columns. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
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
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
