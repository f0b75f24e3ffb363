import type { AnswerEntry } from '../../src/assessment/answers-schema.js';
import { PLAYBOOK_FORMAT, type AnswerValue, type Item, type Playbook } from '../../src/playbook/schema.js';

/**
 * Hostile text for every renderer: what a user might type into a name or a
 * note, or a playbook author into a question, that means something to
 * markdown or HTML. The markdown and HTML tests both use these.
 */

/** Everything a user might paste into a name or a note that means something to markdown or HTML. */
export const HOSTILE_PARTS = [
  'A | B || C',
  '<script>alert(1)</script>',
  'use `code` and ``` fences',
  '\n# not a heading\n## nor this',
  '*star* **bold** _under_ __init__',
  '[x](y) ![img](z) [ref]: https://evil.example',
  'line one\nline two\r\nline three',
  'tab\there\t\tand there',
  '\n---\n===\n',
  '\n1. one\n- dash\n+ plus\n> quote\n',
  'see https://example.com/a_b?c=d&e=f, and www.example.com',
  'mail me: someone@example.com',
  '$math$ and $$x^2$$',
  '&amp; back\\slash ~~strike~~ <!-- comment --> <details>',
  '    indented like code',
  '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">link</a>',
  '[click](javascript:alert(3)) <javascript:alert(4)> javascript:alert(5)',
  '"><svg onload=alert(6)> \'; alert(7); // </style></title></textarea>',
];
export const HOSTILE = HOSTILE_PARTS.join(' ');

/** Single strings, each of which broke (or could break) a heading, table row or list on its own. */
export const HOSTILE_SINGLES = [
  ...HOSTILE_PARTS,
  'Acme Co.',
  'Ltd:',
  '10.',
  ':::',
  '???',
  '| '.repeat(60),
  '*_'.repeat(100),
  '* '.repeat(45),
  `${'\\'.repeat(100)} x`,
  `${'#'.repeat(10)} ${'>'.repeat(40)} ${'<'.repeat(40)}`,
  '`'.repeat(50),
  `https://example.com/${'a'.repeat(200)} and more words after the link`,
  'a\u0000b\u0007c\u001b[31m red',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  'emoji 🎉 and ünïcödé — “quotes”',
  '_',
  '-',
  'Setext\n===',
];

/** 5,000 characters of words with hostile fragments spread through, ending in a marker. */
export const LONG_NOTE = (() => {
  const words: string[] = [];
  let i = 0;
  while (words.join(' ').length < 4970) words.push(i % 17 === 0 ? (HOSTILE_PARTS[(i / 17) % HOSTILE_PARTS.length] ?? 'x') : `word${i}`), i++;
  return `${words.join(' ').slice(0, 4980)} END-OF-NOTE`.padEnd(5000, 'z');
})();

const VALUES: (AnswerValue | null)[] = ['yes', 'no', 'partly', 'na', null];

/** Answers every item of `playbooks` in turn yes, no, partly, na, unanswered, each with a note naming its key. */
export function cycleAnswers(playbooks: readonly Playbook[], note: (key: string) => string): Record<string, AnswerEntry> {
  const answers: Record<string, AnswerEntry> = {};
  let i = 0;
  for (const p of playbooks) {
    for (const s of p.sections) {
      for (const item of s.items) {
        const key = `${p.id}/${item.id}`;
        answers[key] = { answer: VALUES[i++ % VALUES.length] ?? null, note: note(key) };
      }
    }
  }
  return answers;
}

export function customPlaybook(id: string, text: string, kind: Playbook['kind'] = 'custom'): Playbook {
  const it = (itemId: string, severity: Item['severity'], extra: Partial<Item> = {}): Item => ({ id: itemId, question: text, why: text, fix: text, severity, ...extra });
  return {
    format: PLAYBOOK_FORMAT,
    id,
    kind,
    title: text,
    version: '1.0.0',
    summary: text,
    sections: [
      {
        id: 'main',
        title: text,
        // Every field of format 2 that reaches a rendering carries the hostile text too.
        items: [
          it('crit', 'critical', { clause: { id: `${id}-legal`, group: 'legal', text, position: text }, region_notes: { us: text, uk: { why: text, fix: text }, eu: text, other: text } }),
          it('major', 'major', { clause: { id: `${id}-scope`, group: 'scope', text, position: text } }),
          it('minor', 'minor', { recheck_months: 1 }),
          { id: 'need', question: text, why: text, need: text },
          it('follow', { default: 'minor', bpo: 'major' }, { when: { item: 'need', is: ['yes'] }, clause: { id: `${id}-if`, group: 'legal', text, position: text } }),
          it('onboard', 'major', { stage: 'onboarding' }),
        ],
      },
    ],
  };
}
