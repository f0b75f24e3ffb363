import { it } from 'vitest';
import { lint } from 'markdownlint/sync';
import { assess } from '../../src/assessment/score.js';
import { answerMap } from '../../src/assessment/answers.js';
import { renderReport } from '../../src/report/readiness.js';
import { checklistOf, renderChecklist } from '../../src/report/checklist.js';
import type { Playbook } from '../../src/playbook/schema.js';
const S = ['| '.repeat(60), '*_'.repeat(100), '* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *', '\\'.repeat(100) + ' x', 'a '.repeat(38) + '|||||||||||||||||||', '#'.repeat(10) + ' ' + '>'.repeat(40) + ' ' + '<'.repeat(40), '`'.repeat(50), '1986. A fine year', '- ', '  ', '-', 'x'.repeat(300), 'https://example.com/' + 'a'.repeat(200) + ' and more text here to wrap', 'a\u0000b\u0007c\u001b[31m red', '# Title\n\n## Sub\n\n```js\ncode\n```', '<details><summary>x</summary></details>', '    indented code', '| a | b |\n| --- | --- |\n| 1 | 2 |', 'emoji 🎉 and ünïcödé — “quotes” ‘single’', '_', 'trailing spaces   ', '[ref]: https://evil.example', 'Setext\n===', '\\', '***', 'a  \nb', '<https://example.com>', 'http://', 'x@y', '[^1]', ':::', '+++', '0)', '1)', '10.'];
const pb = (t: string, i: number): Playbook => ({ format: 'outsource-check/playbook@1', id: `p${i}`, kind: i % 3 === 0 ? 'custom' : i % 3 === 1 ? 'skill' : 'focus-area', title: t.trim() || 'x', version: '1.0.0', summary: t, sections: [{ id: 's', title: t.trim() || 'x', items: [
  { id: 'a', question: t.trim()||'q', why: t.trim()||'w', fix: t.trim()||'f', severity: 'critical', clause: { group: 'legal', text: t.trim()||'c' } },
  { id: 'b', question: t.trim()||'q', why: t.trim()||'w', fix: t.trim()||'f', severity: 'major', clause: { group: 'scope', text: t.trim()||'c' } },
  { id: 'c', question: t.trim()||'q', why: t.trim()||'w', fix: t.trim()||'f', severity: 'minor', recheck_months: 1 },
] }] });
it('probe', () => {
  let bad = 0;
  S.forEach((t, i) => {
    const p = pb(t, i);
    const a = assess({ playbooks: [p], engagement: { vendor: t.trim() || 'v', type: 'bpo', scope: t }, answers: answerMap({ answers: { [`p${i}/a`]: { answer: 'no', note: t }, [`p${i}/b`]: { answer: 'partly', note: t }, [`p${i}/c`]: { answer: 'yes', note: t, answered: '2026-10-01T00:00:00Z' }, [`zz/q`]: { answer: 'yes', note: t } } }), now: new Date('2026-11-28T10:00:00Z'), unknownAnswers: [{ key: 'zz/q', answer: 'yes', note: t, suggestion: `p${i}/a` }] });
    for (const chart of [false, true]) {
      const md = renderReport(a, { chart });
      const r = lint({ strings: { report: md } }).toString();
      if (r) { bad++; console.log('REPORT', JSON.stringify(t), chart, r); }
    }
    const cl = renderChecklist(checklistOf(a, true), { vendor: t.trim() || 'v', type: 'bpo', date: '2026-11-28' });
    const r2 = lint({ strings: { cl } }).toString();
    if (r2) { bad++; console.log('CL', JSON.stringify(t), r2); }
  });
  console.log('bad', bad);
});
