import type { ItemKey, Playbook } from '../playbook/schema.js';
import type { AnswersFile } from './answers-schema.js';
import { answerMap } from './answers.js';
import { dueStatus } from './recheck.js';
import { assess } from './score.js';

/**
 * A resumed re-check asks only what it had not re-confirmed before it was
 * interrupted: items in `meta.recheck` not answered since the re-check began.
 */
export function pendingRecheck(session: AnswersFile): Set<ItemKey> | null {
  const keys = session.meta?.recheck;
  if (!keys) return null;
  const since = session.meta?.started ?? '';
  const answers = answerMap(session);
  return new Set(keys.filter((k) => (answers.get(k as ItemKey)?.answered ?? '') < since) as ItemKey[]);
}

/** Items a re-check asks again: dated answers whose time has come, and applicable items never answered. */
export function dueKeys(playbooks: readonly Playbook[], session: AnswersFile, now: Date): Set<ItemKey> {
  const assessment = assess({ playbooks, engagement: session.engagement, answers: answerMap(session), now });
  return new Set(assessment.items.filter((i) => i.excluded === null && (i.answer === null || (i.due !== null && dueStatus(i.due, now) === 'due'))).map((i) => i.key));
}
