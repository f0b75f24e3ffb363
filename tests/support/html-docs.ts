import path from 'node:path';
import type { AnswerEntry } from '../../src/assessment/answers-schema.js';
import { answerMap, withScope, type ScopeOverrides } from '../../src/assessment/answers.js';
import { assessParsed, loadAnswersFile } from '../../src/assessment/load-answers.js';
import { assess, type Assessment } from '../../src/assessment/score.js';
import { timeline, vendorMatrix } from '../../src/compare/compare.js';
import { snapshotOf } from '../../src/compare/snapshot.js';
import { loadRegistry } from '../../src/playbook/registry.js';
import type { Playbook } from '../../src/playbook/schema.js';
import { checklistOf } from '../../src/report/checklist.js';
import { renderHtmlMatrix, renderHtmlTimeline } from '../../src/report/html-compare.js';
import { renderHtmlChecklist, renderHtmlReport } from '../../src/report/html.js';
import { ROOT } from './cli.js';
import { customPlaybook, cycleAnswers, HOSTILE, LONG_NOTE } from './hostile.js';

/**
 * The HTML documents the tests look at, rendered in-process: the example
 * reports, their checklist and comparison, a timeline, and hostile ones
 * where every user and playbook text is an attack.
 */

export const NOW = new Date('2026-11-28T10:00:00Z');
export const bundled: Playbook[] = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [] }).playbooks.map((p) => p.playbook);

/** The bundled playbooks and the format-2 fixture, which has every format-2 field. */
export const withFormat2: Playbook[] = loadRegistry({ bundledDir: path.join(ROOT, 'playbooks'), custom: [path.join(ROOT, 'tests/fixtures/format2/f2.yaml')] }).playbooks.map((p) => p.playbook);

/**
 * An answers file scored with the bundled playbooks (or those given); `change`
 * overrides some answers (an earlier state of the same vendor), `scope` the
 * regions and stage as the command-line flags would.
 */
export function assessFile(file: string, change: Record<string, AnswerEntry | null> = {}, options: { scope?: ScopeOverrides; playbooks?: readonly Playbook[] } = {}): Assessment {
  const { parsed, problems } = loadAnswersFile(path.join(ROOT, file));
  if (!parsed) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  const answers = withScope({ ...parsed.answers, answers: { ...parsed.answers.answers, ...change } }, options.scope ?? {});
  return assessParsed({ ...parsed, answers }, options.playbooks ?? bundled, NOW).assessment;
}

/** Every item of the bundled and two hostile custom playbooks answered in turn, every note and name hostile, stale answers dated. */
export function hostileAssessment(): Assessment {
  const playbooks = [...bundled, customPlaybook('hostile-skill', HOSTILE, 'skill'), customPlaybook('hostile-custom', `${HOSTILE} "quoted" 100%`)];
  const answers: Record<string, AnswerEntry> = cycleAnswers(playbooks, (key) => `Note on ${key}: ${HOSTILE}`);
  answers['hostile-custom/minor'] = { answer: 'yes', note: LONG_NOTE, answered: '2026-10-31T09:00:00Z' };
  answers['hostile-skill/minor'] = { answer: 'partly', note: HOSTILE, answered: '2026-11-01T09:00:00Z' };
  return assess({
    playbooks,
    engagement: { vendor: HOSTILE, type: 'bpo', scope: HOSTILE },
    answers: answerMap({ answers }),
    now: NOW,
    unknownAnswers: [{ key: 'hostile-skill/old-item', answer: 'no', note: HOSTILE, suggestion: 'hostile-skill/major' }],
  });
}

export interface NamedDoc {
  name: string;
  html: string;
  hostile: boolean;
  /** Whether the page opens with a verdict (every page but the checklist). */
  verdict: boolean;
}

export function exampleDocs(): NamedDoc[] {
  const freelancer = assessFile('examples/freelancer-web.yaml');
  const bpo = assessFile('examples/bpo-call-centre.yaml');
  const hostile = hostileAssessment();
  const before = assessFile('examples/freelancer-web.yaml', { 'communication/one-page-brief': 'no', 'negotiation/walk-away-option': 'partly', 'growth/minimum-volume': null });
  const hostileSnapshot = snapshotOf(`${HOSTILE}.yaml`, hostile);
  return [
    { name: 'freelancer report', html: renderHtmlReport(freelancer), hostile: false, verdict: true },
    { name: 'bpo report', html: renderHtmlReport(bpo), hostile: false, verdict: true },
    { name: 'bpo checklist', html: renderHtmlChecklist(checklistOf(bpo, true), { vendor: bpo.engagement.vendor, type: 'bpo', date: '2026-11-28' }), hostile: false, verdict: false },
    { name: 'comparison', html: renderHtmlMatrix(vendorMatrix([snapshotOf('freelancer-web.yaml', freelancer), snapshotOf('bpo-call-centre.yaml', bpo), hostileSnapshot]), '2026-11-28'), hostile: true, verdict: true },
    { name: 'timeline', html: renderHtmlTimeline(timeline([snapshotOf('before.yaml', before, '2026-09-01T10:00:00Z'), snapshotOf('after.yaml', freelancer, '2026-11-28T10:00:00Z')])), hostile: false, verdict: true },
    { name: 'hostile report', html: renderHtmlReport(hostile), hostile: true, verdict: true },
    // Format 2: region notes, an open condition on a clause, "After you sign" tasks, need questions.
    { name: 'format 2 report', html: renderHtmlReport(assessFile('tests/fixtures/format2/f2-answers.yaml', { 'f2/personal-data': null }, { playbooks: withFormat2 })), hostile: false, verdict: true },
  ];
}
