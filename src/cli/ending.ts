import type { Assessment } from '../assessment/score.js';
import { percentText, VERDICT_WORDS } from '../report/readiness.js';
import { shellQuote } from '../terminal/shell.js';
import { wrap } from '../terminal/wrap.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line a person reads first: the verdict, the score and how many blockers stand in the way. */
export function verdictLine(a: Assessment): string {
  return `${VERDICT_WORDS[a.verdict.level]}: overall ${percentText(a.scores.overall)} of 100, ${plural(a.blockers.length, 'blocker')}`;
}

/** Applicable items with no answer: a template run as it came out of `template` has only these. */
export function unansweredCount(a: Assessment): { unanswered: number; asked: number } {
  const asked = a.items.filter((i) => i.excluded === null);
  return { unanswered: asked.filter((i) => i.answer === null).length, asked: asked.length };
}

/** Said when questions are still open: they count as no, so the verdict says little until they are answered. */
export function unansweredLine(a: Assessment, file: string): string | null {
  const { unanswered, asked } = unansweredCount(a);
  if (unanswered === 0) return null;
  const where = `answer them in ${file} (yes, partly, no or na) and run it again`;
  if (unanswered === asked) return `None of the ${asked} questions is answered yet, and unanswered ones count as no: ${where}.`;
  return `${unanswered} of ${asked} questions ${unanswered === 1 ? 'is' : 'are'} unanswered and count as no: ${where}.`;
}

/** The earliest date an answer falls due again, and how many answers fall due on or before it. */
export function nextRecheck(a: Assessment): { date: string; count: number } | null {
  const dates = a.items.filter((i) => i.excluded === null && i.due !== null).map((i) => i.due as string);
  if (dates.length === 0) return null;
  const date = dates.reduce((min, d) => (d < min ? d : min));
  return { date, count: dates.filter((d) => d === date).length };
}

/**
 * What to do next after an interactive check, like create-vite or gh end:
 * where everything is (absolute paths, to click or copy), what to fix first,
 * when to come back, and the command for it.
 */
export function nextSteps(a: Assessment, files: { report?: string; checklist?: string; session: string }, command: string, width = 80): string[] {
  const lines: string[] = [];
  // Sentences wrap between words; a path or a command stays whole on its own line, so it can be copied.
  const say = (text: string) => lines.push(...wrap(text, Math.min(width, 80)));
  if (files.report) lines.push(`Report:    ${files.report}`);
  if (files.checklist) lines.push(`Checklist: ${files.checklist}`);
  lines.push(`Answers:   ${files.session}`, '');
  const recheck = `${command} check --recheck ${shellQuote(files.session)}`;
  // Coming back for the vendor offers a new check pre-filled with these answers: the way to record fixed blockers.
  const again = `${command} check --vendor ${shellQuote(a.engagement.vendor)}`;
  if (a.blockers.length > 0) {
    say(`Fix first: the ${plural(a.blockers.length, 'blocker')} above; the report says how for each.`);
  } else if (a.gaps.length > 0) {
    say(`Nothing blocks; the report lists ${plural(a.gaps.length, 'gap')} to close, worst first.`);
  }
  const due = nextRecheck(a);
  if (due) {
    say(`Next re-check: ${due.date} (${plural(due.count, 'answer')} to confirm again). What falls due, for every vendor:`);
    lines.push(`  ${command} due`);
  }
  if (a.blockers.length > 0) {
    say('Once they are fixed, check again (your answers are offered as defaults):');
    lines.push(`  ${again}`);
  } else {
    say(due ? `On ${due.date}, confirm what fell due:` : 'To change an answer later, or check again:');
    lines.push(`  ${due ? recheck : again}`);
  }
  return lines;
}
