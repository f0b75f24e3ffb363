import type { Problem } from '../errors.js';

/**
 * A cheap, linear look at how deeply a YAML (or JSON) text nests, made before
 * any parser builds something per token: 4 million `[` fit under the size cap,
 * and both parsers spend gigabytes on them before their own depth checks
 * run. It counts flow brackets (`[`, `{`) and the block indicators that nest
 * on one line (`- - -`, `? `, `key: `), skipping quoted text, comments and
 * block scalars. It never counts more levels than the document has, so a
 * valid document is never refused; nesting by indentation alone it leaves to
 * the parser, which the size cap already bounds (each level costs a longer
 * line).
 */

/**
 * A playbook nests about 7 levels deep. Composing a document recurses once per
 * level and overflows the stack near 800; the overflow is caught, but where it
 * happens varies from run to run, and a deep recursion that makes V8 compile a
 * regular expression can abort the whole process.
 */
export const MAX_NESTING = 100;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function blank(code: number): boolean {
  // NaN past the end of the text counts as blank: `-` at the very end is an indicator.
  return code === SPACE || code === TAB || code === LF || code === CR || Number.isNaN(code);
}

/** The offset of the first collection opened more than `max` levels deep, or null. */
export function tooDeepOffset(text: string, max: number): number | null {
  const n = text.length;
  let i = 0;
  let flow = 0; // open flow collections
  let base = 0; // block levels on the line where the outermost flow collection opened
  let levels = 0; // block levels opened so far on the current line
  let indent = 0; // the current line's indentation
  let scalarIndent = -1; // in a block scalar: lines indented more than this are its text
  let nodeStart = true; // a bracket or quote here starts a node (not the middle of plain text)
  let afterBlank = true; // a `#` here starts a comment
  let lineStart = true;
  while (i < n) {
    if (lineStart && flow === 0) {
      let j = i;
      while (j < n && text.charCodeAt(j) === SPACE) j++;
      const first = text.charCodeAt(j);
      if (scalarIndent >= 0 && (j - i > scalarIndent || first === LF || first === CR)) {
        i = skipLine(text, j) + 1;
        continue;
      }
      scalarIndent = -1;
      indent = j - i;
      levels = 0;
      nodeStart = true;
      afterBlank = true;
      lineStart = false;
      i = j;
      continue;
    }
    lineStart = false;
    const c = text.charCodeAt(i);
    if (c === LF) {
      lineStart = true;
      afterBlank = true;
      i++;
      continue;
    }
    if (c === SPACE || c === TAB || c === CR) {
      afterBlank = true;
      i++;
      continue;
    }
    if (c === 35 /* # */ && afterBlank) {
      i = skipLine(text, i);
      continue;
    }
    afterBlank = false;
    if (nodeStart && (c === 34 /* " */ || c === 39) /* ' */) {
      i = skipQuoted(text, i);
      nodeStart = false;
      continue;
    }
    if ((c === 91 /* [ */ || c === 123) /* { */ && (nodeStart || flow > 0)) {
      if (flow === 0) base = levels;
      flow++;
      if (base + flow > max) return i;
      nodeStart = true;
      i++;
      continue;
    }
    if (flow > 0) {
      if (c === 93 /* ] */ || c === 125 /* } */) {
        flow--;
        nodeStart = false;
      } else if (c === 44 /* , */ || c === 58 /* : */) {
        nodeStart = true;
      } else if (nodeStart && (c === 38 /* & */ || c === 33) /* ! */) {
        i = skipToken(text, i);
        continue;
      } else {
        nodeStart = false;
      }
      i++;
      continue;
    }
    // Block context.
    const next = text.charCodeAt(i + 1);
    if ((c === 58 /* : */ || (nodeStart && (c === 45 /* - */ || c === 63) /* ? */)) && blank(next)) {
      levels++;
      if (levels > max) return i;
      nodeStart = true;
      i++;
      continue;
    }
    if (nodeStart && (c === 124 /* | */ || c === 62) /* > */) {
      scalarIndent = indent;
      i = skipLine(text, i);
      continue;
    }
    if (nodeStart && (c === 38 /* & */ || c === 33) /* ! */) {
      i = skipToken(text, i);
      continue;
    }
    nodeStart = false;
    i++;
  }
  return null;
}

/** The offset of the line break that ends this line (or the end of the text). */
function skipLine(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end === -1 ? text.length : end;
}

/** Past an anchor or tag, up to the blank after it. */
function skipToken(text: string, i: number): number {
  let j = i;
  while (j < text.length && !blank(text.charCodeAt(j))) j++;
  return j;
}

/** Past a quoted scalar starting at `i`; it may span lines. An unclosed one runs to the end. */
function skipQuoted(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (quote === 34 && c === 92 /* \ */) j += 2;
    else if (c === quote) {
      // In single quotes `''` is an escaped quote, not the end.
      if (quote === 39 && text.charCodeAt(j + 1) === 39) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** The one problem for a text nested too deeply, positioned at the bracket or indicator that goes past the limit. */
export function depthProblem(file: string, text: string): Problem | null {
  const at = tooDeepOffset(text, MAX_NESTING);
  if (at === null) return null;
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { file, line, col: at - lineStart + 1, message: `the document is nested too deeply to load (more than ${MAX_NESTING} levels)`, level: 'error' };
}
