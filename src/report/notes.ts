import type { Assessment } from '../assessment/score.js';
import { paragraph } from './md.js';

/**
 * `--no-notes`: a report for an investor or a checklist for the vendor's
 * counsel without what the founder wrote for themselves. It is a change to
 * the result object, made before any rendering, so markdown, JSON and HTML
 * all leave the notes out and all know to say so.
 */
export interface NotesFlag {
  /** Present, and true, when the user's notes were left out. */
  notes_omitted?: true;
}

/** The same result with every note of the user's emptied (null, as for an answer without one) and the flag set. */
export function withoutNotes(a: Assessment): Assessment {
  return {
    ...a,
    items: a.items.map((i) => ({ ...i, note: null })),
    needs: a.needs.map((n) => ({ ...n, note: null })),
    unknown_answers: a.unknown_answers.map((u) => ({ ...u, note: null })),
    notes_omitted: true,
  };
}

/** The result as the user asked to share it: `notes` is false under --no-notes. */
export function shareable(a: Assessment, notes: boolean): Assessment {
  return notes ? a : withoutNotes(a);
}

/** The one line a rendering carries when the notes were left out. */
export function notesLeftOut(what: 'report' | 'checklist' | 'comparison'): string {
  return `Your notes were left out of this ${what}.`;
}

/** That line as a markdown paragraph, or nothing when the notes are in. */
export function notesLeftOutParagraph(flag: NotesFlag, what: Parameters<typeof notesLeftOut>[0]): string | null {
  return flag.notes_omitted ? paragraph(notesLeftOut(what)) : null;
}
