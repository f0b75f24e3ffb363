import stringWidth from 'string-width';

/**
 * Text measured and cut as people see it: by grapheme (an emoji with its
 * modifiers, a letter with its accents, never half of either) and by display
 * width (a CJK character takes two columns). `.length` and `.slice` count
 * UTF-16 code units, which splits surrogate pairs and misaligns columns.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns the text takes in a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * The longest start of `text`, whole graphemes only, for which `fits` holds
 * (with `ellipsis` added when anything was cut). `fits` measures the result.
 */
export function cutWhere(text: string, fits: (candidate: string) => boolean, ellipsis = '…'): string {
  if (fits(text)) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (!fits(`${(kept + segment).trimEnd()}${ellipsis}`)) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ellipsis}`;
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  return cutWhere(text, (s) => displayWidth(s) <= width);
}

/** `text` padded with spaces to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
