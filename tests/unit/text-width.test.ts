import { describe, expect, it } from 'vitest';
import { cell, heading } from '../../src/report/md.js';
import { columns } from '../../src/terminal/columns.js';
import { displayWidth, truncateToWidth } from '../../src/terminal/text-width.js';
import { wrap } from '../../src/terminal/wrap.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FAMILY = '👨‍👩‍👧';

describe('text cut for a table cell or heading', () => {
  it('never splits an emoji, at any limit', () => {
    for (let max = 2; max <= 30; max++) {
      const out = cell(`ab${'🙂'.repeat(30)}`, max);
      expect(out, `max ${max}`).not.toMatch(LONE_SURROGATE);
      expect(out.length).toBeLessThanOrEqual(max);
    }
  });

  it('keeps a joined emoji whole or drops it whole', () => {
    for (let max = 2; max <= 12; max++) {
      const out = cell(`x ${FAMILY}${FAMILY}${FAMILY}`, max);
      expect(out.replace(/…$/, '').replace(/^x ?/, '').split(FAMILY).every((rest) => rest === '')).toBe(true);
    }
  });

  it('measures CJK by display width, two columns a character', () => {
    const out = cell('鈴木工業株式会社'.repeat(10), 20);
    expect(displayWidth(out)).toBeLessThanOrEqual(20);
    expect(out).toBe(`${'鈴木工業株式会社鈴'}…`);
    const line = heading(1, 'Outsourcing readiness: ', '山田商事'.repeat(40));
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('truncates terminal text by width without splitting graphemes', () => {
    expect(truncateToWidth('🙂'.repeat(50), 21)).toBe(`${'🙂'.repeat(10)}…`);
    expect(truncateToWidth('short', 21)).toBe('short');
    expect(truncateToWidth('鈴木工業', 5)).toBe('鈴木…');
  });

  it('wraps terminal text by display width', () => {
    expect(wrap('鈴木工業 山田商事 佐藤', 10)).toEqual(['鈴木工業', '山田商事', '佐藤']);
  });
});

describe('columns in history and due', () => {
  it('align for CJK names', () => {
    const out = columns([
      ['VENDOR', 'TYPE', 'FILE'],
      ['鈴木工業', 'agency', 'a.yaml'],
      ['Acme', 'bpo', 'b.yaml'],
    ]).split('\n');
    const typeColumn = out.map((line) => displayWidth(line.slice(0, line.search(/TYPE|agency|bpo/))));
    expect(new Set(typeColumn).size).toBe(1);
  });
});
