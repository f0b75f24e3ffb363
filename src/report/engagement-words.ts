import type { EngagementType } from '../playbook/schema.js';

/** An engagement type as a sentence says it, article included ("an agency engagement", not "a agency"). */
export const ENGAGEMENT_PHRASES: Record<EngagementType, string> = {
  freelancer: 'a freelancer engagement',
  agency: 'an agency engagement',
  bpo: 'a BPO engagement',
  other: 'an engagement of another kind',
};

/** Why items were left out of a report, with singular and plural kept apart. */
export function notAskedSentence(notAsked: number, type: EngagementType, quick: boolean, regionsKnown: boolean): string {
  const [subject, verb] = notAsked === 1 ? ['1 item was', 'it does'] : [`${notAsked} items were`, 'they do'];
  const why = quick ? 'this was the quick check, or ' : '';
  return `${subject} not asked: ${why}${verb} not apply to ${ENGAGEMENT_PHRASES[type]}${regionsKnown ? ' in these regions' : ''}, belong${notAsked === 1 ? 's' : ''} to the other stage, or an earlier answer made ${notAsked === 1 ? 'it' : 'them'} moot.`;
}
