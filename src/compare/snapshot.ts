import * as z from 'zod/mini';
import type { Problem } from '../errors.js';
import { REPORT_FORMAT, type VerdictLevel } from '../assessment/score.js';
import { EXCLUSIONS } from '../assessment/applicability.js';
import { answerValue, engagementType, kebabId, severity } from '../playbook/atoms.js';
import type { AnswerValue, Severity } from '../playbook/model.js';
import type { SourceText } from '../source/read.js';
import { readYaml, problemAt, zodProblems } from '../source/yaml.js';

/**
 * What compare needs of one assessment, whether it came from an answers
 * file scored now or from a `--json` report saved earlier (scored with the
 * playbooks of its day).
 */
export interface Snapshot {
  file: string;
  vendor: string;
  type: string;
  /** When the answers were given: the report's date, or the session's last update. */
  date: string;
  verdict: VerdictLevel;
  overall: number | null;
  threshold: number;
  playbooks: { id: string; title: string; kind: string; version: string; percent: number | null }[];
  items: Map<string, SnapshotItem>;
  blockers: Set<string>;
}

export interface SnapshotItem {
  key: string;
  question: string;
  severity: Severity;
  applicable: boolean;
  answer: AnswerValue | null;
}

/** The fields a snapshot is made of; a fresh Assessment and a saved report both have them. */
export interface SnapshotSource {
  engagement: { vendor: string; type: string };
  generated: string;
  verdict: { level: VerdictLevel };
  threshold: number;
  scores: { overall: { percent: number | null } };
  playbooks: readonly { id: string; title: string; kind: string; version: string; score: { percent: number | null } }[];
  items: readonly { key: string; question: string; severity: Severity; excluded: string | null; answer: AnswerValue | null }[];
  blockers: readonly string[];
}

export function snapshotOf(file: string, a: SnapshotSource, date?: string): Snapshot {
  return {
    file,
    vendor: a.engagement.vendor,
    type: a.engagement.type,
    date: date ?? a.generated,
    verdict: a.verdict.level,
    overall: a.scores.overall.percent,
    threshold: a.threshold,
    playbooks: a.playbooks.map((p) => ({ id: p.id, title: p.title, kind: p.kind, version: p.version, percent: p.score.percent })),
    items: new Map(a.items.map((i) => [i.key, { key: i.key, question: i.question, severity: i.severity, applicable: i.excluded === null, answer: i.answer }])),
    blockers: new Set(a.blockers),
  };
}

// A hand-edited report must not bring a percentage that breaks the arithmetic (1e308 - -1e308 is Infinity).
const percent = z.number().check(z.gte(0), z.lte(100));
const score = z.object({ percent: z.nullable(percent) });
// Ids go into code spans in the comparison, so a hand-edited report may not smuggle in a backtick.
const itemKey = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be `playbook-id/item-id`' }));

/** The parts of `outsource-check/report@1` that compare reads; other fields may come and go. */
export const savedReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  // Timelines order and label by this date.
  generated: z.iso.datetime({ offset: true, error: 'must be a date and time such as 2026-11-28T10:00:00Z' }),
  engagement: z.object({ vendor: z.string(), type: engagementType, scope: z.optional(z.string()) }),
  threshold: percent,
  verdict: z.object({ level: z.enum(['ready', 'ready-with-gaps', 'not-ready']), reasons: z.array(z.string()) }),
  scores: z.object({ overall: score }),
  playbooks: z.array(z.object({ id: kebabId, title: z.string(), kind: z.enum(['skill', 'focus-area', 'custom']), version: z.string(), score })),
  items: z.array(
    z.object({
      key: itemKey,
      question: z.string(),
      severity,
      excluded: z.nullable(z.enum(EXCLUSIONS)),
      answer: z.nullable(answerValue),
    }),
  ),
  blockers: z.array(itemKey),
});

export function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** Reads a saved `--json` report, with positions for anything wrong in it. */
export function parseSavedReport(source: SourceText): { snapshot: Snapshot | null; problems: Problem[] } {
  const parsed = readYaml(source);
  if (!parsed.ok) return { snapshot: null, problems: parsed.problems };
  const value = parsed.value as { format?: unknown } | null;
  if (!value || typeof value !== 'object' || value.format !== REPORT_FORMAT) {
    return { snapshot: null, problems: [problemAt(parsed.yaml, value && typeof value === 'object' && 'format' in value ? ['format'] : [], `not an outsource-check report: expected \`format: ${REPORT_FORMAT}\``)] };
  }
  const result = savedReportSchema.safeParse(value);
  if (!result.success) return { snapshot: null, problems: zodProblems(parsed.yaml, result.error, () => []) };
  return { snapshot: snapshotOf(source.file, result.data), problems: [] };
}
