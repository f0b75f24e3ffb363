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
