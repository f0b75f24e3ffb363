import { itemWeight, resolveSeverity, type AnswerValue, type ItemKey, type Severity, type Stage } from '../playbook/model.js';
import type { Playbook } from '../playbook/schema.js';
import type { AnswerMap } from './answers.js';
import type { Engagement } from './answers-schema.js';
import { applicability, conditionWords, entriesByKey, entriesOf, isNeed, openConditions, regionConditionWords, scopeOf, stageOf, type Exclusion } from './applicability.js';
import { clauseDefinitions, clauseOf, type ClauseDefinition } from './clauses.js';
import { dueDate } from './recheck.js';
import { regionNotes, type RegionNote } from './regions.js';

export const REPORT_FORMAT = 'outsource-check/report@1';
import { DEFAULT_THRESHOLD } from './defaults.js';

export { DEFAULT_THRESHOLD };

const VALUE: Record<AnswerValue, number> = { yes: 1, partly: 0.5, no: 0, na: 0 };

export interface Score {
  /** Earned over possible weight, 0–100 with one decimal; null when nothing could be scored. */
  percent: number | null;
  earned: number;
  possible: number;
  counts: Record<AnswerValue | 'unanswered', number>;
}

export interface ItemResult {
  key: ItemKey;
  playbook: string;
  section: string;
  id: string;
  question: string;
  why: string;
  fix: string;
  /** The level for this engagement's type. */
  severity: Severity;
  weight: number;
  /** `signing`: settle before signing; `onboarding`: set up in the first weeks after. */
  stage: Stage;
  clause: ClauseDefinition | null;
  /** The notes for the client's region, or every note when the region is not known. */
  region_notes: RegionNote[];
  legal: boolean;
  sources: string[];
  /** Null when the item is asked and scored; otherwise why it is not. */
  excluded: Exclusion | null;
  /**
   * When the item applies, in words, if that is still open: a `when` whose
   * answer is not given yet, or a region the engagement does not state.
   */
  condition: string | null;
  answer: AnswerValue | null;
  note: string | null;
  answered: string | null;
  recheck_months: number | null;
  /** When the answer should be confirmed again, if the item goes stale and the answer is dated. */
  due: string | null;
}

/** A yes/no question about the engagement that decides which items apply; never scored. */
export interface NeedResult {
  key: ItemKey;
  playbook: string;
  question: string;
  /** The condition in words, as the checklist prints it after "if". */
  need: string;
  excluded: Exclusion | null;
  answer: AnswerValue | null;
  note: string | null;
  answered: string | null;
}

export interface SectionResult {
  id: string;
  title: string;
  score: Score;
}

export interface PlaybookResult {
  id: string;
  title: string;
  kind: Playbook['kind'];
  version: string;
  score: Score;
  sections: SectionResult[];
}

export type VerdictLevel = 'ready' | 'ready-with-gaps' | 'not-ready';

export interface UnknownAnswer {
  key: string;
  answer: AnswerValue | null;
  note: string | null;
  suggestion: string | null;
}

export interface Assessment {
  format: typeof REPORT_FORMAT;
  generated: string;
  engagement: Engagement;
  /** Which check this is: before signing, or onboarding after it. */
  stage: Stage;
  /** Only the items critical for the engagement type (and what they depend on) were in this check. */
  quick: boolean;
  threshold: number;
  verdict: { level: VerdictLevel; reasons: string[] };
  scores: { overall: Score; skills: Score; focus_areas: Score; custom: Score };
  playbooks: PlaybookResult[];
  blockers: ItemKey[];
  gaps: ItemKey[];
  items: ItemResult[];
  needs: NeedResult[];
  unknown_answers: UnknownAnswer[];
  /** Set by `--no-notes` (src/report/notes.ts): every note above is null. */
  notes_omitted?: true;
}

export interface AssessInput {
  playbooks: readonly Playbook[];
  engagement: Engagement;
  answers: AnswerMap;
  now: Date;
  stage?: Stage | undefined;
  quick?: boolean | undefined;
  threshold?: number;
  unknownAnswers?: UnknownAnswer[];
}

function emptyCounts(): Score['counts'] {
  return { yes: 0, partly: 0, no: 0, na: 0, unanswered: 0 };
}

/** Sums item results into a score; `na` counts but weighs nothing, unanswered weighs and earns nothing. */
export function scoreOf(items: readonly ItemResult[]): Score {
  const counts = emptyCounts();
  let earned = 0;
  let possible = 0;
  for (const item of items) {
    if (item.excluded !== null) continue;
    counts[item.answer ?? 'unanswered']++;
    if (item.answer === 'na') continue;
    possible += item.weight;
    earned += item.answer ? VALUE[item.answer] * item.weight : 0;
  }
  const percent = possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null;
  return { percent, earned, possible, counts };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };

export function isBlocker(item: ItemResult): boolean {
  return item.excluded === null && item.severity === 'critical' && (item.answer === 'no' || item.answer === null);
}

/** Everything that is not in place, worst first: severity, then weight, then playbook order. */
function gapOrder(a: ItemResult & { order: number }, b: ItemResult & { order: number }): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.weight - a.weight || a.order - b.order;
}

export function assess(input: AssessInput): Assessment {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const scope = scopeOf({ engagement: input.engagement, stage: input.stage, quick: input.quick });
  const all = entriesOf(input.playbooks);
  const decided = applicability(all, scope, input.answers);
  const byKey = entriesByKey(all);
  const clauses = clauseDefinitions(input.playbooks, scope.type);
  const answerOf = (key: ItemKey) => input.answers.get(key);

  const needs: NeedResult[] = all
    .filter((e) => isNeed(e.item))
    .map(({ key, playbook, item }) => {
      const answer = answerOf(key);
      return { key, playbook: playbook.id, question: item.question, need: item.need ?? '', excluded: decided.get(key) ?? null, answer: answer?.value ?? null, note: answer?.note ?? null, answered: answer?.answered ?? null };
    });

  const items: ItemResult[] = all.filter((e) => !isNeed(e.item)).map((entry) => {
    const { key, playbook, section, item } = entry;
    const answer = answerOf(key);
    const recheck = item.recheck_months ?? playbook.recheck_months ?? null;
    const excluded = decided.get(key) ?? null;
    const open = excluded === 'when' ? openConditions(entry, byKey, decided, input.answers) : null;
    return {
      key,
      playbook: playbook.id,
      section: section.id,
      id: item.id,
      question: item.question,
      why: item.why,
      fix: item.fix ?? '',
      // The loader gives every item that is not a need question a severity.
      severity: resolveSeverity(item.severity, scope.type) ?? 'minor',
      weight: itemWeight(item, scope.type),
      stage: stageOf(item),
      clause: clauseOf(playbook.id, item, clauses),
      region_notes: regionNotes(item, scope.clientRegion),
      legal: item.legal ?? false,
      sources: item.sources ?? [],
      excluded,
      condition: [open ? conditionWords(open) : null, excluded === null || open ? regionConditionWords(item, scope) : null].filter((c) => c !== null).join(', and ') || null,
      answer: answer?.value ?? null,
      note: answer?.note ?? null,
      answered: answer?.answered ?? null,
      recheck_months: recheck,
      due: excluded === null && answer?.value ? dueDate(answer.answered, recheck) : null,
    };
  });

  const playbooks: PlaybookResult[] = input.playbooks.map((playbook) => {
    const own = items.filter((i) => i.playbook === playbook.id);
    return {
      id: playbook.id,
      title: playbook.title,
      kind: playbook.kind,
      version: playbook.version,
      score: scoreOf(own),
      sections: playbook.sections.map((section) => ({ id: section.id, title: section.title, score: scoreOf(own.filter((i) => i.section === section.id)) })),
    };
  });
  const kindOf = new Map(input.playbooks.map((p) => [p.id, p.kind]));
  const ofKind = (kind: Playbook['kind']) => scoreOf(items.filter((i) => kindOf.get(i.playbook) === kind));
  const overall = scoreOf(items);

  const ordered = items.map((item, order) => ({ ...item, order }));
  const blockers = ordered.filter(isBlocker).sort(gapOrder);
  const gaps = ordered.filter((i) => i.excluded === null && !isBlocker(i) && i.answer !== 'yes' && i.answer !== 'na').sort(gapOrder);

  return {
    format: REPORT_FORMAT,
    generated: input.now.toISOString(),
    engagement: input.engagement,
    stage: scope.stage,
    quick: scope.quick,
    threshold,
    verdict: quickVerdict(verdictOf(items, overall, threshold), scope.quick),
    scores: { overall, skills: ofKind('skill'), focus_areas: ofKind('focus-area'), custom: ofKind('custom') },
    playbooks,
    blockers: blockers.map((i) => i.key),
    gaps: gaps.map((i) => i.key),
    items,
    needs,
    unknown_answers: input.unknownAnswers ?? [],
  };
}

function listKeys(items: readonly ItemResult[]): string {
  const shown = items.slice(0, 3).map((i) => i.key);
  return items.length > 3 ? `${shown.join(', ')} and ${items.length - 3} more` : shown.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A quick check asks only what is critical, so it can find blockers but not
 * clear the rest: it never says ready, and says why.
 */
function quickVerdict(verdict: Assessment['verdict'], quick: boolean): Assessment['verdict'] {
  if (!quick || verdict.level === 'not-ready') return verdict;
  const reason = 'this was the quick check: only the critical items were asked; run the full check before you sign';
  return { level: 'ready-with-gaps', reasons: [...(verdict.level === 'ready' ? [] : verdict.reasons), reason] };
}

/** The rules of playbook-format.md, with every reason that applies, most serious first. */
export function verdictOf(items: readonly ItemResult[], overall: Score, threshold: number): Assessment['verdict'] {
  const live = items.filter((i) => i.excluded === null);
  const criticalNo = live.filter((i) => i.severity === 'critical' && i.answer === 'no');
  const criticalOpen = live.filter((i) => i.severity === 'critical' && i.answer === null);
  if (criticalNo.length + criticalOpen.length > 0) {
    const reasons: string[] = [];
    if (criticalNo.length) reasons.push(`${plural(criticalNo.length, 'critical item')} answered no: ${listKeys(criticalNo)}`);
    if (criticalOpen.length) reasons.push(`${plural(criticalOpen.length, 'critical item')} not answered yet: ${listKeys(criticalOpen)}`);
    return { level: 'not-ready', reasons };
  }
  const reasons: string[] = [];
  if (overall.percent === null) reasons.push('no item could be scored: every applicable item is marked not applicable');
  else if (overall.percent < threshold) reasons.push(`the overall score, ${overall.percent}, is below the threshold of ${threshold}`);
  const criticalPartly = live.filter((i) => i.severity === 'critical' && i.answer === 'partly');
  if (criticalPartly.length) reasons.push(`${plural(criticalPartly.length, 'critical item')} only partly in place: ${listKeys(criticalPartly)}`);
  const majorNo = live.filter((i) => i.severity === 'major' && i.answer === 'no');
  if (majorNo.length) reasons.push(`${plural(majorNo.length, 'major item')} answered no: ${listKeys(majorNo)}`);
  if (reasons.length) return { level: 'ready-with-gaps', reasons };
  return { level: 'ready', reasons: [`every critical item is in place and the overall score, ${overall.percent}, meets the threshold of ${threshold}`] };
}

