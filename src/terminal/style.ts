import { Chalk } from 'chalk';
import type { Severity } from '../playbook/schema.js';
import { terminalText } from './safe.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  ok(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
  severity(severity: Severity, text: string): string;
}

/** One place decides colour; a Style with colour off returns the text with only its control characters escaped. */
export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  const safe = terminalText;
  return {
    bold: (t) => c.bold(safe(t)),
    dim: (t) => c.dim(safe(t)),
    underline: (t) => c.underline(safe(t)),
    ok: (t) => c.green(safe(t)),
    warn: (t) => c.yellow(safe(t)),
    bad: (t) => c.red(safe(t)),
    severity: (sev, t) => (sev === 'critical' ? c.red(safe(t)) : sev === 'major' ? c.yellow(safe(t)) : c.gray(safe(t))),
  };
}
