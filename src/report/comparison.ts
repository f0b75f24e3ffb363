import type { Timeline, VendorMatrix, ItemChange } from '../compare/compare.js';
import { bullet, cell, document, fitTable, heading, inline, paragraph, table } from './md.js';
import { DISCLAIMER } from './checklist.js';
import { notesLeftOutParagraph, type NotesFlag } from './notes.js';

const VERDICT_SHORT = { ready: 'ready', 'ready-with-gaps': 'gaps', 'not-ready': 'not ready' } as const;


function mark(value: string, best: boolean): string {
  return best ? `**${value}** ★` : value;
}

export function renderMatrix(m: VendorMatrix & NotesFlag, date: string): string {
  const name = (i: number) => `V${i + 1}`;
  const legend = m.ranking.map((i, place) => {
    const c = m.columns[i]!;
    return bullet(`${name(i)}: **${inline(c.vendor)}** (${c.type}, assessed ${inline(c.date)}): ${VERDICT_SHORT[c.verdict]}, score ${c.overall === null ? 'n/a' : Math.round(c.overall)}, ${c.blockers} blocker${c.blockers === 1 ? '' : 's'}`, `${place + 1}.`);
  });
  const rows = m.rows.map((r) => {
    const label = r.kind === 'critical' ? `\`${r.label}\`` : r.kind === 'area' ? cell(r.label, 28) : `**${r.label}**`;
    return [label, ...r.values.map((v, i) => mark(v === null ? '–' : r.kind === 'verdict' ? VERDICT_SHORT[v as keyof typeof VERDICT_SHORT] : v, r.best.includes(i)))];
  });
  return document([
    heading(1, 'Vendor comparison'),
    paragraph(`Compared on ${date}. Ranked with vendors without blockers first, then by overall score. ★ marks the best value in each row.`),
    notesLeftOutParagraph(m, 'comparison'),
    legend.join('\n'),
    m.separation ? paragraph(inline(m.separation)) : null,
    heading(2, 'Decision matrix'),
    fitTable(table(['Row', ...m.columns.map((_, i) => name(i))], rows, ['left', ...m.columns.map(() => 'right' as const)])),
    paragraph('Rows below the areas are the critical items: an item answered no or left open there is a blocker.'),
    ...notCompared(m.notCompared),
    paragraph(`*${DISCLAIMER}*`),
  ]);
}

function notCompared(list: readonly { key: string; missingFrom: string[] }[]): string[] {
  if (list.length === 0) return [];
  return [
    heading(2, 'Not compared'),
    paragraph('These items exist in only some of the files (their playbooks are at different versions), so they were left out of the comparison:'),
    list.map((n) => bullet(`\`${n.key}\`: missing from ${n.missingFrom.map((f) => inline(f)).join(', ')}`)).join('\n'),
  ];
}

function changeList(changes: readonly ItemChange[]): string {
  return changes.map((c) => bullet(`\`${c.key}\` (${c.severity}): ${c.from} → ${c.to}. ${inline(c.question)}`)).join('\n');
}

/** Changes are shown in whole points, like the scores beside them. */
const signed = (n: number | null) => {
  if (n === null) return 'n/a';
  const r = Math.round(n);
  return r > 0 ? `+${r}` : String(r);
};
const pct = (n: number | null) => (n === null ? 'n/a' : String(Math.round(n)));

export function renderTimeline(t: Timeline & NotesFlag): string {
  const dates = t.points.map((p) => cell(p.date, 20));
  const sections: (string | null)[] = [
    heading(1, 'Changes over time: ', t.vendor),
    paragraph(`${t.points.length} assessments from ${dates[0]} to ${dates[dates.length - 1]}. Overall ${pct(t.points[0]?.overall ?? null)} → ${pct(t.points.at(-1)?.overall ?? null)} (${signed(t.overallDelta)}); verdict ${VERDICT_SHORT[t.points[0]!.verdict]} → ${VERDICT_SHORT[t.points.at(-1)!.verdict]}.`),
    notesLeftOutParagraph(t, 'comparison'),
    heading(2, 'Scores'),
    fitTable(
      table(
        ['Area', ...dates, 'Change'],
        [
          ...t.areas.map((a) => [cell(a.title, 28), ...a.scores.map(pct), signed(a.delta)]),
          ['**Overall**', ...t.points.map((p) => pct(p.overall)), `**${signed(t.overallDelta)}**`],
        ],
        ['left', ...dates.map(() => 'right' as const), 'right'],
      ),
    ),
    heading(2, 'Blockers'),
    t.blockersResolved.length || t.blockersNew.length
      ? [...t.blockersResolved.map((k) => bullet(`Resolved: \`${k}\``)), ...t.blockersNew.map((k) => bullet(`New: \`${k}\``))].join('\n')
      : paragraph('No change in blockers.'),
  ];
  const groups: [string, ItemChange[]][] = [
    ['Better', t.better],
    ['Worse', t.worse],
    ['Now applicable', t.nowApplicable],
    ['No longer applicable', t.noLongerApplicable],
  ];
  for (const [title, changes] of groups) if (changes.length) sections.push(heading(2, title), changeList(changes));
  if (t.versionChanges.length) {
    sections.push(heading(2, 'Playbook versions'), t.versionChanges.map((v) => bullet(`\`${v.id}\`: ${inline(v.from ?? 'not used')} → ${inline(v.to ?? 'not used')}`)).join('\n'));
  }
  sections.push(...notCompared(t.notCompared), paragraph(`*${DISCLAIMER}*`));
  return document(sections);
}
