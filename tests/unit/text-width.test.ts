import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cell, heading } from '../../src/report/md.js';
import { columns } from '../../src/terminal/columns.js';
import { displayWidth, NARROW_TEXT, truncateToWidth } from '../../src/terminal/text-width.js';
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

describe('the narrow-text shortcut', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const narrowChars: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    const ch = String.fromCharCode(cp);
    if (NARROW_TEXT.test(ch)) narrowChars.push(ch);
  }

  it('takes only characters that are one column and one grapheme each, as string-width and Intl.Segmenter say', () => {
    expect(narrowChars.length).toBeGreaterThan(700);
    const wrong = narrowChars.filter((ch) => stringWidth(ch) !== 1 || [...segmenter.segment(`a${ch}b`)].length !== 3);
    expect(wrong.map((ch) => `U+${ch.charCodeAt(0).toString(16)}`)).toEqual([]);
  });

  it('measures and cuts text as string-width and the segmenter would, narrow or not', () => {
    const alphabet = fc.constantFrom(...narrowChars.filter((_, i) => i % 7 === 0), '鈴', '🙂', FAMILY, 'e\u0301', '\u00ad', '\u200b', '\t', '\r\n', '\u2028');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), fc.integer({ min: 1, max: 40 }), (text, width) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
        const bySegmenter = (() => {
          let kept = '';
          for (const { segment } of segmenter.segment(text)) {
            if (stringWidth(`${(kept + segment).trimEnd()}…`) > width) break;
            kept += segment;
          }
          return stringWidth(text) <= width ? text : `${kept.trimEnd()}…`;
        })();
        expect(truncateToWidth(text, width)).toBe(bySegmenter);
      }),
    );
  });
});
