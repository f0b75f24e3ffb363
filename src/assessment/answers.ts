import type { AnswerValue, ItemKey, Playbook, Region, Stage } from '../playbook/schema.js';
import type { AnswerEntry, AnswersFile } from './answers-schema.js';

/** The format answers files and sessions have; here, apart from the schema, for the commands that only write it. */
export const ANSWERS_FORMAT = 'outsource-check/answers@1';

/** One answer in the shape the core works with, whatever form it was written in. */
export interface Answer {
  value: AnswerValue | null;
  note: string | null;
  answered: string | null;
}

export function normalizeEntry(entry: AnswerEntry | undefined): Answer {
  if (entry === undefined || entry === null) return { value: null, note: null, answered: null };
  if (typeof entry === 'string') return { value: entry, note: null, answered: null };
  const note = entry.note?.trim();
  return { value: entry.answer ?? null, note: note ? note : null, answered: entry.answered ?? null };
}

export type AnswerMap = ReadonlyMap<ItemKey, Answer>;

export function answerMap(file: Pick<AnswersFile, 'answers'>): Map<ItemKey, Answer> {
  const map = new Map<ItemKey, Answer>();
  for (const [key, entry] of Object.entries(file.answers ?? {})) map.set(key as ItemKey, normalizeEntry(entry));
  return map;
}

/** Back to the file form: the short form when there is nothing but a value, so saved files stay easy to edit. */
export function toEntry(answer: Answer): AnswerEntry {
  if (answer.note === null && answer.answered === null) return answer.value;
  return {
    answer: answer.value,
    ...(answer.note !== null ? { note: answer.note } : {}),
    ...(answer.answered !== null ? { answered: answer.answered } : {}),
  };
}

/** The playbooks an answers file or session uses: those it names, or every loaded one. */
export function chosenPlaybooks(all: readonly Playbook[], file: Pick<AnswersFile, 'playbooks'>): Playbook[] {
  return file.playbooks ? all.filter((p) => file.playbooks?.includes(p.id)) : [...all];
}

/** What the command line may say about a check's scope; it wins over what the file says. */
export interface ScopeOverrides {
  clientRegion?: Region;
  vendorRegion?: Region;
  stage?: Stage;
  quick?: boolean;
}

/** The file as the check should read it, with the command line's regions, stage and quick mode laid over it. */
export function withScope<T extends Pick<AnswersFile, 'engagement' | 'stage' | 'quick'>>(file: T, overrides: ScopeOverrides): T {
  return {
    ...file,
    engagement: {
      ...file.engagement,
      ...(overrides.clientRegion ? { client_region: overrides.clientRegion } : {}),
      ...(overrides.vendorRegion ? { vendor_region: overrides.vendorRegion } : {}),
    },
    ...(overrides.stage ? { stage: overrides.stage } : {}),
    ...(overrides.quick ? { quick: true } : {}),
  };
}
