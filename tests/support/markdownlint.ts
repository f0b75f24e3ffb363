import { lint } from 'markdownlint/sync';

/** markdownlint's findings for one document, one line each; empty when it is clean. */
export function lintMarkdown(md: string): string[] {
  const text = lint({ strings: { doc: md } }).toString();
  return text === '' ? [] : text.split('\n');
}
