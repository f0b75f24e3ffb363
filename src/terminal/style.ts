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
