/**
 * HTML that is safe by construction: the `html` template escapes every value
 * it is given unless that value is already `Html` built the same way. So user
 * and playbook text can only ever become text, never markup, attributes or
 * links other than the plain http(s) ones `linkify` makes.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// C0 and C1 controls other than tab, line feed and carriage return mean nothing in a report and some are invalid in HTML.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text for an element's content or a quoted attribute value. */
export function escapeText(text: string): string {
  return text.replace(CONTROL, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return escapeText(part);
  return part.map(render).join('');
}

/** A template whose interpolated values are escaped; arrays are joined, null and false drop out. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlPart[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup the renderer itself wrote as a constant (the stylesheet); never user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

// The same notion of a URL as the markdown renderer: http(s) only, without trailing punctuation.
const URL = /\bhttps?:\/\/[^\s<>|`\\"]*[^\s<>|`\\".,;:!?)\]'*_~]/g;

/**
 * User or playbook text with its http(s) URLs as links. The link text is the
 * URL itself, so a printed page shows where each link goes; any other scheme
 * (`javascript:`, `data:`) stays plain text.
 */
export function linkify(text: string): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const match of text.matchAll(URL)) {
    parts.push(html`${text.slice(last, match.index)}<a href="${match[0]}">${match[0]}</a>`);
    last = match.index + match[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

/** Cuts text to `max` characters for places that cannot wrap (chart labels, the page title); the full text is shown elsewhere. */
export function shorten(text: string, max: number): string {
  // By code point, so an emoji is never cut in half.
  const flat = [...text.replace(CONTROL, '').replace(/\s+/g, ' ').trim()];
  return flat.length <= max ? flat.join('') : `${flat.slice(0, max - 1).join('').trimEnd()}…`;
}
