import { terminalLine } from './safe.js';
import { displayWidth, padToWidth } from './text-width.js';

/**
 * Rows as aligned plain-text columns, two spaces apart, measured in display
 * columns (CJK is two wide); the last column is never padded. Cells are escaped for the terminal.
 */
export function columns(table: readonly (readonly string[])[]): string {
  const rows = table.map((r) => r.map(terminalLine));
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? '')))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : padToWidth(cell, widths[c] ?? 0))).join('  ')).join('\n');
}
