import type { AnswerValue } from '../playbook/schema.js';
import type { Snapshot, SnapshotItem } from './snapshot.js';
import { sameVendor as sameVendorName } from '../assessment/vendor.js';

/** How good an answer is, for "better" and "worse"; not applicable sits outside the scale. */
const RANK: Record<AnswerValue | 'open', number> = { yes: 3, partly: 2, no: 1, open: 0, na: -1 };
const VERDICT_RANK = { ready: 2, 'ready-with-gaps': 1, 'not-ready': 0 } as const;
const VERDICT_WORDS = { ready: 'ready', 'ready-with-gaps': 'ready with gaps', 'not-ready': 'not ready' } as const;

export type CompareMode = 'vendors' | 'timeline';

export function sameVendor(a: Snapshot, b: Snapshot): boolean {
  return sameVendorName(a.vendor, b.vendor);
}

/** The same assessment, whatever file it came from: same vendor, date, score and answers. */
export function sameAssessment(a: Snapshot, b: Snapshot): boolean {
  // To the minute: answers files without dates are dated when they are read, a few milliseconds apart.
  if (!sameVendor(a, b) || a.date.slice(0, 16) !== b.date.slice(0, 16) || a.overall !== b.overall || a.items.size !== b.items.size) return false;
  return [...a.items].every(([key, item]) => b.items.get(key)?.answer === item.answer);
}

/** One vendor at several dates is a timeline; anything else is a choice between vendors. */
export function modeOf(snapshots: readonly Snapshot[]): CompareMode {
  const first = snapshots[0];
  return first && snapshots.every((s) => sameVendor(s, first)) ? 'timeline' : 'vendors';
}

/** Items present in every snapshot; what is missing from some cannot be compared and is listed. */
export function sharedKeys(snapshots: readonly Snapshot[]): { shared: string[]; notShared: { key: string; missingFrom: string[] }[] } {
  const all = new Set(snapshots.flatMap((s) => [...s.items.keys()]));
  const shared: string[] = [];
  const notShared: { key: string; missingFrom: string[] }[] = [];
  for (const key of all) {
    const missingFrom = snapshots.filter((s) => !s.items.has(key)).map((s) => s.file);
    if (missingFrom.length === 0) shared.push(key);
    else notShared.push({ key, missingFrom });
  }
  return { shared, notShared };
}

export interface MatrixRow {
  label: string;
  kind: 'verdict' | 'overall' | 'area' | 'critical';
  values: (string | null)[];
  /** Column indexes holding the best value of the row (none when all are equal). */
  best: number[];
}

export interface VendorMatrix {
  columns: { vendor: string; type: string; date: string; file: string; blockers: number; overall: number | null; verdict: Snapshot['verdict'] }[];
  /** Column indexes, best first: no blocker before any blocker, then the higher score as shown, then the better verdict. */
  ranking: number[];
  rows: MatrixRow[];
  separation: string | null;
  notCompared: { key: string; missingFrom: string[] }[];
}

function bestOf(scores: readonly (number | null)[]): number[] {
  const present = scores.filter((s): s is number => s !== null);
  // A best value needs something to beat.
  if (present.length < 2) return [];
  const max = Math.max(...present);
  const best = scores.flatMap((s, i) => (s === max ? [i] : []));
  return best.length === scores.length ? [] : best;
}

const round = (n: number | null) => (n === null ? null : Math.round(n));

export function vendorMatrix(snapshots: readonly Snapshot[]): VendorMatrix {
  const { shared, notShared } = sharedKeys(snapshots);
  const ranking = snapshots
    .map((_, i) => i)
    .sort((a, b) => {
      const sa = snapshots[a]!;
      const sb = snapshots[b]!;
      // Scores as the matrix shows them: a difference too small to see is a tie, and a better verdict breaks it.
      return (
        Number(sa.blockers.size > 0) - Number(sb.blockers.size > 0) ||
        (round(sb.overall) ?? -1) - (round(sa.overall) ?? -1) ||
        VERDICT_RANK[sb.verdict] - VERDICT_RANK[sa.verdict] ||
        sa.blockers.size - sb.blockers.size
      );
    });
  const rows: MatrixRow[] = [];
  rows.push({ label: 'Verdict', kind: 'verdict', values: snapshots.map((s) => s.verdict), best: bestOf(snapshots.map((s) => VERDICT_RANK[s.verdict])) });
  rows.push({ label: 'Overall', kind: 'overall', values: snapshots.map((s) => (s.overall === null ? null : String(round(s.overall)))), best: bestOf(snapshots.map((s) => round(s.overall))) });
  const areaIds = [...new Set(snapshots.flatMap((s) => s.playbooks.map((p) => p.id)))];
  for (const id of areaIds) {
    const scores = snapshots.map((s) => round(s.playbooks.find((p) => p.id === id)?.percent ?? null));
    const title = snapshots.flatMap((s) => s.playbooks.filter((p) => p.id === id))[0]?.title ?? id;
    rows.push({ label: title, kind: 'area', values: scores.map((v) => (v === null ? null : String(v))), best: bestOf(scores) });
  }
  const criticalKeys = shared.filter((k) => snapshots.some((s) => s.items.get(k)?.severity === 'critical' && s.items.get(k)?.applicable));
  for (const key of criticalKeys) {
    const items = snapshots.map((s) => s.items.get(key));
    const ranks = items.map((i) => (i && i.applicable ? RANK[i.answer ?? 'open'] : null));
    rows.push({ label: key, kind: 'critical', values: items.map((i) => (i && i.applicable ? (i.answer ?? 'open') : null)), best: bestOf(ranks) });
  }
  return {
    columns: snapshots.map((s) => ({ vendor: s.vendor, type: s.type, date: s.date.slice(0, 10), file: s.file, blockers: s.blockers.size, overall: s.overall, verdict: s.verdict })),
    ranking,
    rows,
    separation: separation(snapshots, ranking),
    notCompared: notShared,
  };
}

/** One plain sentence on why the first-ranked vendor is ahead of the second. */
function separation(snapshots: readonly Snapshot[], ranking: readonly number[]): string | null {
  const [a, b] = ranking.map((i) => snapshots[i]!);
  if (!a || !b) return null;
  const parts: string[] = [];
  if (a.blockers.size === 0 && b.blockers.size > 0) {
    const named = [...b.blockers].slice(0, 2).join(', ');
    const more = b.blockers.size > 2 ? ` and ${b.blockers.size - 2} more` : '';
    parts.push(`${b.vendor} has ${b.blockers.size} blocker${b.blockers.size === 1 ? '' : 's'} (${named}${more}) and ${a.vendor} has none`);
  }
  // The gap between the scores the legend shows, so the sentence never contradicts them.
  const gap = (round(a.overall) ?? 0) - (round(b.overall) ?? 0);
  const areas = a.playbooks
    .map((p) => ({ title: p.title, delta: (p.percent ?? 0) - (b.playbooks.find((q) => q.id === p.id)?.percent ?? 0) }))
    .sort((x, y) => y.delta - x.delta);
  const lead = areas[0];
  const points = (n: number) => `${Math.abs(Math.round(n))} point${Math.abs(Math.round(n)) === 1 ? '' : 's'}`;
  if (gap > 0) {
    parts.push(`${a.vendor} scores ${points(gap)} higher overall${lead && lead.delta > 0 ? `, most of it in ${lead.title} (+${Math.round(lead.delta)})` : ''}`);
  } else if (gap < 0) {
    parts.push(`that outweighs the ${points(gap)} by which ${b.vendor} scores higher overall`);
  } else if (VERDICT_RANK[a.verdict] > VERDICT_RANK[b.verdict]) {
    // Same score, different verdict (a critical item only partly in place, a major item answered no): say so, not "level".
    parts.push(`the scores are level, but ${a.vendor}'s verdict is ${VERDICT_WORDS[a.verdict]} and ${b.vendor}'s is ${VERDICT_WORDS[b.verdict]}`);
  } else if (a.blockers.size < b.blockers.size) {
    parts.push(`the scores are level, but ${b.vendor} has ${b.blockers.size} blockers to ${a.blockers.size} for ${a.vendor}`);
  }
  if (parts.length === 0) return `${a.vendor} and ${b.vendor} are level: same verdict, same score.`;
  return `${a.vendor} ranks above ${b.vendor}: ${parts.join('; ')}.`;
}

export interface ItemChange {
  key: string;
  question: string;
  severity: SnapshotItem['severity'];
  from: AnswerValue | 'open' | 'not asked';
  to: AnswerValue | 'open' | 'not asked';
}

export interface Timeline {
  vendor: string;
  points: { date: string; file: string; verdict: Snapshot['verdict']; overall: number | null }[];
  areas: { id: string; title: string; scores: (number | null)[]; delta: number | null }[];
  overallDelta: number | null;
  better: ItemChange[];
  worse: ItemChange[];
  nowApplicable: ItemChange[];
  noLongerApplicable: ItemChange[];
  blockersResolved: string[];
  blockersNew: string[];
  versionChanges: { id: string; from: string | null; to: string | null }[];
  notCompared: { key: string; missingFrom: string[] }[];
}

/** What changed for one vendor between its first and last assessment, with the scores at every date between. */
export function timeline(input: readonly Snapshot[]): Timeline {
  // By instant, not by text: hand-written dates may carry offsets (+05:00) while reports are in UTC.
  const instant = (s: Snapshot) => {
    const t = Date.parse(s.date);
    return Number.isNaN(t) ? 0 : t;
  };
  const snapshots = [...input].sort((a, b) => instant(a) - instant(b));
  const first = snapshots[0]!;
  const last = snapshots[snapshots.length - 1]!;
  const { shared, notShared } = sharedKeys([first, last]);
  const sharedSet = new Set(shared);
  const state = (i: SnapshotItem | undefined) => (!i || !i.applicable ? 'not asked' : (i.answer ?? 'open'));
  const changes = shared
    .map((key) => {
      const a = first.items.get(key)!;
      const b = last.items.get(key)!;
      return { key, question: b.question, severity: b.severity, from: state(a), to: state(b) } as ItemChange;
    })
    .filter((c) => c.from !== c.to);
  const isRanked = (v: ItemChange['from']) => v !== 'not asked' && v !== 'na';
  const areaIds = [...new Set(snapshots.flatMap((s) => s.playbooks.map((p) => p.id)))];
  // Two checks on one day are told apart by the time.
  const days = snapshots.map((s) => s.date.slice(0, 10));
  const label = (date: string) => (days.filter((d) => d === date.slice(0, 10)).length > 1 ? date.slice(0, 16).replace('T', ' ') : date.slice(0, 10));
  const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((b - a) * 10) / 10);
  return {
    vendor: last.vendor,
    points: snapshots.map((s) => ({ date: label(s.date), file: s.file, verdict: s.verdict, overall: s.overall })),
    areas: areaIds.map((id) => {
      const scores = snapshots.map((s) => s.playbooks.find((p) => p.id === id)?.percent ?? null);
      const title = snapshots.flatMap((s) => s.playbooks.filter((p) => p.id === id)).at(-1)?.title ?? id;
      return { id, title, scores, delta: delta(scores[0] ?? null, scores[scores.length - 1] ?? null) };
    }),
    overallDelta: delta(first.overall, last.overall),
    better: changes.filter((c) => isRanked(c.from) && isRanked(c.to) && RANK[c.to as AnswerValue | 'open'] > RANK[c.from as AnswerValue | 'open']),
    worse: changes.filter((c) => isRanked(c.from) && isRanked(c.to) && RANK[c.to as AnswerValue | 'open'] < RANK[c.from as AnswerValue | 'open']),
    nowApplicable: changes.filter((c) => c.from === 'not asked'),
    noLongerApplicable: changes.filter((c) => c.to === 'not asked'),
    // Like every other change, on shared items only: a blocker whose item a new playbook version dropped
    // is not resolved, and one on an item it added was not there to appear; both are under notCompared.
    blockersResolved: [...first.blockers].filter((k) => !last.blockers.has(k) && sharedSet.has(k)),
    blockersNew: [...last.blockers].filter((k) => !first.blockers.has(k) && sharedSet.has(k)),
    versionChanges: [...new Set([...first.playbooks, ...last.playbooks].map((p) => p.id))]
      .map((id) => ({ id, from: first.playbooks.find((p) => p.id === id)?.version ?? null, to: last.playbooks.find((p) => p.id === id)?.version ?? null }))
      .filter((v) => v.from !== v.to),
    notCompared: notShared,
  };
}
