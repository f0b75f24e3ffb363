import stringWidth from 'string-width';

/**
 * Text measured and cut as people see it: by grapheme (an emoji with its
 * modifiers, a letter with its accents, never half of either) and by display
 * width (a CJK character takes two columns). `.length` and `.slice` count
 * UTF-16 code units, which splits surrogate pairs and misaligns columns.
 *
 * Most text is made of characters that are each one grapheme one column wide
 * (printable ASCII, Latin-1 and Latin Extended letters, the dashes, quotes,
 * bullets and ellipsis of general punctuation): such text is measured and cut
 * by code unit. Only other text needs the grapheme segmenter and string-width,
 * whose start-up (an ICU segmenter, Unicode-property expressions) a report in
 * plain Latin text then never pays; the build defers string-width's own set-up
 * to its first call (scripts/build.mjs). A test holds this set to what
 * string-width and Intl.Segmenter say, character by character.
 */
export const NARROW_TEXT = /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

let graphemes: Intl.Segmenter | undefined;

/** Columns the text takes in a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  return NARROW_TEXT.test(text) ? text.length : stringWidth(text);
}

/** The graphemes of `text`, in order. */
function* segments(text: string): Iterable<string> {
  if (NARROW_TEXT.test(text)) {
    yield* text;
    return;
  }
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) yield segment;
}

/**
 * The longest start of `text`, whole graphemes only, for which `fits` holds
 * (with `ellipsis` added when anything was cut). `fits` measures the result.
 */
export function cutWhere(text: string, fits: (candidate: string) => boolean, ellipsis = '…'): string {
  if (fits(text)) return text;
  let kept = '';
  for (const segment of segments(text)) {
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
