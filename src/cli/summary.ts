import type { Assessment } from '../assessment/score.js';
import { bar } from '../report/md.js';
import { percentText, VERDICT_WORDS } from '../report/readiness.js';
import type { Style } from '../terminal/style.js';
import { wrap } from '../terminal/wrap.js';

/** The few lines a person reads in the terminal after a check: verdict, areas, blockers. */
export function summaryLines(a: Assessment, style: Style, width: number): string[] {
  const w = Math.min(width, 80);
  const verdictStyle = a.verdict.level === 'ready' ? style.ok : a.verdict.level === 'not-ready' ? style.bad : style.warn;
  const lines = ['', style.bold(verdictStyle(`${VERDICT_WORDS[a.verdict.level]}: overall ${percentText(a.scores.overall)} of 100`))];
  for (const reason of a.verdict.reasons) lines.push(...wrap(reason, w, '  ', '    '));
  lines.push('');
  const titleWidth = Math.min(22, Math.max(...a.playbooks.map((p) => p.title.length)));
  for (const p of a.playbooks) {
    const title = p.title.length > titleWidth ? `${p.title.slice(0, titleWidth - 1)}…` : p.title.padEnd(titleWidth);
    lines.push(`  ${title} ${bar(p.score.percent)} ${percentText(p.score).padStart(3)}`);
  }
  const byKey = new Map(a.items.map((i) => [i.key, i]));
  if (a.blockers.length > 0) {
    lines.push('', style.bold(style.bad(`Blockers (${a.blockers.length}):`)));
    for (const key of a.blockers) {
      const item = byKey.get(key);
      if (item) lines.push(...wrap(`${item.question} (${key})`, w, '  ✘ ', '    '));
    }
  }
  return lines;
}
