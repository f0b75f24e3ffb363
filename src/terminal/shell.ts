/** Quotes a path for a POSIX shell only when it needs it, so the resume command can be pasted as shown. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
