import { it } from 'vitest';
import path from 'node:path';
import { parseAnswers, selectForAnswers } from '../../src/assessment/load-answers.js';
import { loadRegistry } from '../../src/playbook/registry.js';
const reg = loadRegistry({ bundledDir: path.resolve('playbooks'), custom: [] });
const pbs = reg.playbooks.map(p => p.playbook);
const cases: [string,string][] = [
 ['unknownid', `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
answers:
  communication/one-page-breif: yes
  communication/single-owner: { answer: no, note: nobody }
  nosuch/thing: partly
`],
 ['unknownpb', `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
playbooks: [communication, alignmnt, zzzzzzzz]
answers:
  communication/one-page-brief: yes
  growth/surge-plan: no
`],
 ['version', `format: outsource-check/answers@1
engagement:
  vendor: Acme
  type: bpo
answers:
  communication/one-page-brief: yes
meta:
  playbook_versions: { communication: 0.9.0, alignment: 1.0.0 }
`],
];
it('probe', () => {
  console.log(reg.problems, pbs.map(p=>p.id));
  for (const [n, t] of cases) {
    const r = parseAnswers({ file: 'a.yaml', text: t });
    console.log(n, r.problems);
    const s = selectForAnswers(r.parsed!, pbs);
    console.log(n, s.playbooks.map(p=>p.id), JSON.stringify(s.unknownAnswers), JSON.stringify(s.problems.map(p => `${p.line}:${p.col} ${p.level} ${p.message}`), null, 1));
  }
});
