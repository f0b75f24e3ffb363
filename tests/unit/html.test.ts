import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnswerEntry } from '../../src/assessment/answers-schema.js';
import { answerMap } from '../../src/assessment/answers.js';
import { assess } from '../../src/assessment/score.js';
import { checklistOf } from '../../src/report/checklist.js';
import { escapeText, html, linkify, shorten } from '../../src/report/html-escape.js';
import { renderHtmlChecklist, renderHtmlReport } from '../../src/report/html.js';
import { renderHtmlMatrix } from '../../src/report/html-compare.js';
import { withoutNotes } from '../../src/report/notes.js';
import { vendorMatrix } from '../../src/compare/compare.js';
import { snapshotOf } from '../../src/compare/snapshot.js';
import { percentText } from '../../src/report/readiness.js';
import { assessFile, exampleDocs, hostileAssessment, NOW, withFormat2 } from '../support/html-docs.js';
import { customPlaybook, HOSTILE, HOSTILE_SINGLES } from '../support/hostile.js';

/** Every element and attribute the renderers write; anything else in a page came from text that escaped. */
const TAGS = new Set(
  'html head meta title style body main p h1 h2 h3 section ul ol li dl dt dd strong em span code figure figcaption svg desc rect line text table thead tbody tr th td div input label br a footer abbr'.split(' '),
);
const ATTRIBUTES = new Set(
  'lang charset http-equiv content name class id aria-labelledby aria-hidden role xmlns viewbox width height font-size font-weight fill x y x1 y1 x2 y2 stroke stroke-width paint-order stroke-dasharray text-anchor scope type checked for href title'.split(' '),
);

interface Tag {
  name: string;
  attributes: { name: string; value: string }[];
}

/** The tags of a page. Escaped text has no `<`, so every `<` starts real markup; the stylesheet has none. */
function tagsOf(page: string): Tag[] {
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...(m[2] ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1]!.toLowerCase(), value: a[2] ?? '' })),
  }));
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The text a reader sees: tags out, entities decoded, whitespace collapsed. */
function textOf(page: string): string {
  const body = page.slice(page.indexOf('<body>'));
  return decode(body.replace(/<\/?(a|span|code|strong|em|abbr)\b[^>]*>/g, '').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('html escaping', () => {
  it('escapes the five characters that matter and drops control characters', () => {
    expect(escapeText(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeText('a\u0000b\u0007c\u001b[31m\u009b d\te\nf')).toBe('abc[31m d\te\nf');
  });

  it('escapes interpolated strings but not nested html, and drops null and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${null}${false}${['<', html`<br>`]}${3}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;<br>3</p>');
  });

  it('links http(s) URLs only, with the URL as the visible text', () => {
    expect(linkify('see https://example.com/a?b=1&c=2, then javascript:alert(1) and data:text/html,x').value).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>, then javascript:alert(1) and data:text/html,x',
    );
    expect(linkify('https://x.example/"onmouseover="alert(1)').value).toBe('<a href="https://x.example/">https://x.example/</a>&quot;onmouseover=&quot;alert(1)');
  });

  it('shortens by code point and collapses whitespace', () => {
    expect(shorten('a\n\nb', 10)).toBe('a b');
    expect(shorten('🎉'.repeat(10), 4)).toBe('🎉🎉🎉…');
  });
});

const docs = exampleDocs();

describe.each(docs.map((d) => [d.name, d] as const))('%s: a safe, self-contained page', (_name, doc) => {
  const tags = tagsOf(doc.html);

  it('is one HTML document with its language, charset and a policy that forbids scripts and requests', () => {
    expect(doc.html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(doc.html.trimEnd().endsWith('</html>')).toBe(true);
    const csp = tags.find((t) => t.name === 'meta' && t.attributes.some((a) => a.name === 'http-equiv' && a.value === 'Content-Security-Policy'));
    const policy = decode(csp?.attributes.find((a) => a.name === 'content')?.value ?? '');
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
    // The hash is that of the one stylesheet, so the page's own style applies and no other can.
    const styles = [...doc.html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    expect(policy).toContain(`'sha256-${createHash('sha256').update(styles[0]![1]!).digest('base64')}'`);
    expect(doc.html.indexOf('Content-Security-Policy')).toBeLessThan(doc.html.indexOf('<title>'));
  });

  it('has only the renderer’s own elements and attributes: no script, no handler, no foreign link', () => {
    expect(tags.length).toBeGreaterThan(20);
    expect(tags.map((t) => t.name).filter((n) => !TAGS.has(n))).toEqual([]);
    expect(tags.flatMap((t) => t.attributes.map((a) => a.name)).filter((n) => !ATTRIBUTES.has(n))).toEqual([]);
    for (const link of tags.filter((t) => t.name === 'a')) expect(link.attributes.find((a) => a.name === 'href')?.value).toMatch(/^https?:\/\/[^\s"]+$/);
    expect(doc.html).not.toMatch(/<script|<img|<iframe|href="javascript/i);
    // Nothing to fetch: the allowed attributes have no src, and the stylesheet loads nothing.
    expect(doc.html.slice(doc.html.indexOf('<style>'), doc.html.indexOf('</style>'))).not.toMatch(/url\(|@import/i);
  });
});


describe.each(docs.filter((d) => d.verdict).map((d) => [d.name, d] as const))('%s', (_name, doc) => {
  it('starts with the verdict, in words', () => {
    const text = textOf(doc.html);
    expect(text).toMatch(/^ ?\S.{0,200}(Verdict: (Ready|Ready, with gaps|Not ready)|First choice: |Now: (ready|gaps|not ready))/);
    expect(doc.html).toMatch(/<section class="verdict verdict-(ready|ready-with-gaps|not-ready)" id="verdict"/);
  });
});

describe.each(docs.filter((d) => d.hostile).map((d) => [d.name, d] as const))('%s', (_name, doc) => {
  it('shows hostile text as text', () => {
    const text = textOf(doc.html);
    for (const attack of ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">', '<a href="javascript:alert(2)">link</a>', '[click](javascript:alert(3))', '"><svg onload=alert(6)>', '</style></title></textarea>']) {
      expect(text).toContain(attack);
    }
  });
});

describe('renderHtmlReport', () => {
  const a = assessFile('examples/freelancer-web.yaml');
  const page = renderHtmlReport(a);
  const text = textOf(page);

  it('puts the verdict, its reasons and the counts before everything but the vendor name', () => {
    const verdict = page.indexOf('id="verdict"');
    expect(verdict).toBeGreaterThan(page.indexOf('<h1>'));
    expect(verdict).toBeLessThan(page.indexOf('<dl class="facts">'));
    expect(text).toContain(`Verdict: Ready, with gaps Overall score ${percentText(a.scores.overall)} of 100 (threshold 80); 0 blockers, ${a.gaps.length} gaps.`);
    for (const reason of a.verdict.reasons) expect(text).toContain(reason);
  });

  it('charts every playbook with its score as text, grouped by kind, with the threshold', () => {
    const svg = page.slice(page.indexOf('<svg'), page.indexOf('</svg>'));
    const desc = decode(svg.slice(svg.indexOf('<desc'), svg.indexOf('</desc>')));
    expect(svg).toContain('role="img"');
    for (const p of a.playbooks) {
      expect(svg).toContain(`>${p.title}</text>`);
      expect(desc).toContain(`${p.title}: ${percentText(p.score)}.`);
    }
    expect(svg).toContain('>Skills</text>');
    expect(svg).toContain('>Focus areas</text>');
    expect(svg).not.toContain('>Custom playbooks</text>');
    expect(svg).toContain('>threshold 80</text>');
    expect(desc).toContain(`Overall: ${percentText(a.scores.overall)}.`);
    // The numbers beside the bars are text, not only bar lengths.
    expect(svg.match(/<rect /g)?.length).toBe(a.playbooks.filter((p) => (p.score.percent ?? 0) > 0).length + 1);
    expect(svg).toMatch(new RegExp(`>${percentText(a.scores.overall)}</text>`));
  });

  it('lists every gap with why, fix and the note, under its severity', () => {
    const gaps = page.slice(page.indexOf('id="gaps-title"'), page.indexOf('id="checklist-title"'));
    const byKey = new Map(a.items.map((i) => [i.key, i]));
    for (const k of a.gaps) {
      const item = byKey.get(k)!;
      const at = gaps.indexOf(`<code class="key">${k}</code>`);
      expect(at, k).toBeGreaterThan(-1);
      expect(gaps.lastIndexOf(`<h3>${item.severity[0]!.toUpperCase()}${item.severity.slice(1)} gaps</h3>`, at), k).toBeGreaterThan(-1);
      // A card ends where the next item's key starts (region notes are a list of their own inside it).
      const next = gaps.indexOf('<code class="key">', at + 1);
      const card = decode(gaps.slice(at, next === -1 ? undefined : next));
      expect(card).toContain(`<dt>Why</dt><dd>${flat(item.why).slice(0, 30)}`);
      expect(card).toContain('<dt>Fix</dt>');
      if (item.note) expect(card).toContain('<dt>Your note</dt>');
    }
  });

  it('has the checklist as one checkbox per clause, ticked where it is in place, each labelled, with what to ask for and its items', () => {
    const checklist = checklistOf(a, true);
    const lines = checklist.groups.flatMap((g) => g.lines);
    const part = page.slice(page.indexOf('id="checklist-title"'), page.indexOf('id="appendix-title"'));
    const boxes = [...part.matchAll(/<input type="checkbox" id="clause-([^"]+)"( checked)?>/g)];
    expect(boxes.map((b) => b[1])).toEqual(lines.map((l) => l.id));
    expect(boxes.filter((b) => b[2]).map((b) => b[1])).toEqual(lines.filter((l) => l.status === 'done').map((l) => l.id));
    for (const b of boxes) expect(part).toContain(`<label for="clause-${b[1]}">`);
    for (const l of lines) {
      const at = part.indexOf(`id="clause-${l.id}"`);
      const li = decode(part.slice(at, part.indexOf('</li>', at)));
      for (const i of l.items) expect(li, l.id).toContain(`<code class="key">${i.key}</code>`);
      if (l.position) expect(li, l.id).toContain(`Ask for: ${flat(l.position)}`);
      if (l.status === 'conditional') expect(li, l.id).toContain(`only if ${l.condition}`);
    }
    for (const g of checklist.groups) expect(part).toContain(`>${g.title}</h3>`);
  });

  it('has every answer and note of an applicable item in the appendix', () => {
    const appendix = decode(page.slice(page.indexOf('id="appendix-title"')));
    const live = a.items.filter((i) => i.excluded === null);
    for (const i of live) {
      expect(appendix, i.key).toContain(`<code class="key">${i.key}</code>`);
      if (i.note) expect(appendix, i.key).toContain(flat(i.note).slice(0, 40));
    }
    for (const i of a.items.filter((x) => x.excluded !== null)) expect(appendix).not.toContain(`>${i.key}<`);
  });

  it('has no re-check table when nothing is dated, and one when answers go stale', () => {
    expect(page).not.toContain('id="rechecks-title"');
    const hostile = renderHtmlReport(hostileAssessment());
    const rechecks = hostile.slice(hostile.indexOf('id="rechecks-title"'), hostile.indexOf('id="checklist-title"'));
    expect(rechecks).toContain('<tr><td><code class="key">hostile-custom/minor</code></td><td>2026-10-31</td><td>2026-11-30</td><td>within 30 days</td></tr>');
  });

  it('keeps a whole 5,000-character note, and the whole hostile vendor name in the facts', () => {
    const hostile = hostileAssessment();
    const text = textOf(renderHtmlReport(hostile));
    expect(text).toContain(flat(hostile.items.find((i) => i.key === 'hostile-custom/minor')!.note!));
    expect(text).toContain(`Vendor ${flat(HOSTILE)} Engagement type bpo`);
  });

  it.each(HOSTILE_SINGLES.map((s, i) => [i, s] as const))('hostile single %i stays text in the report and the checklist', (i, single) => {
    const pb = customPlaybook(`p${i}`, `${single}x`);
    const answers: Record<string, AnswerEntry> = { [`p${i}/crit`]: { answer: 'no', note: single }, [`p${i}/major`]: { answer: 'partly', note: single } };
    const one = assess({ playbooks: [pb], engagement: { vendor: `${single}x`, type: 'agency', scope: single }, answers: answerMap({ answers }), now: NOW });
    for (const page of [renderHtmlReport(one), renderHtmlChecklist(checklistOf(one, true), { vendor: one.engagement.vendor, type: 'agency', date: '2026-11-28' })]) {
      expect(tagsOf(page).map((t) => t.name).filter((n) => !TAGS.has(n))).toEqual([]);
      expect(tagsOf(page).flatMap((t) => t.attributes.map((x) => x.name)).filter((n) => !ATTRIBUTES.has(n))).toEqual([]);
      expect(textOf(page)).toContain(flat(`${single}x`).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
    }
  });
});

describe('renderHtmlChecklist', () => {
  it('says how many clauses are in place, or for a bare type how many to have', () => {
    const a = assessFile('examples/bpo-call-centre.yaml');
    const checklist = checklistOf(a, true);
    const lines = checklist.groups.flatMap((g) => g.lines);
    const page = renderHtmlChecklist(checklist, { vendor: a.engagement.vendor, type: 'bpo', date: '2026-11-28' });
    expect(textOf(page)).toContain(`${lines.filter((l) => l.status === 'done').length} of ${lines.length} clauses are in place (as of 2026-11-28).`);
    const bare = renderHtmlChecklist(checklistOf(a, false), { vendor: null, type: 'bpo', date: '2026-11-28' });
    expect(textOf(bare)).toContain(`${lines.length} clauses to have in the contract`);
    expect(bare).not.toContain('in place;');
  });
});

describe('format 2 in HTML: regions, stages, positions, conditions', () => {
  const F2 = 'tests/fixtures/format2/f2-answers.yaml';
  const f2 = (change: Record<string, AnswerEntry | null> = {}, scope = {}) => assessFile(F2, change, { playbooks: withFormat2, scope });
  const section = (page: string, id: string) => {
    const at = page.indexOf(`id="${id}"`);
    expect(at, id).toBeGreaterThan(-1);
    return decode(page.slice(at, page.indexOf('</section>', at)));
  };

  it('shows the client region’s note, labelled, under why or fix, and says where both sides are', () => {
    const page = renderHtmlReport(f2());
    const blockers = section(page, 'blockers-title');
    expect(blockers).toContain('<code class="key">f2/processor-terms</code> · critical · answered no');
    expect(blockers).toContain('<li><strong>UK:</strong> UK-NOTE: UK GDPR Art. 28(3) says the same.</li>');
    expect(blockers).not.toContain('EU-NOTE');
    expect(textOf(page)).toContain('Regions Client based in: the UK; vendor based in: elsewhere Stage before signing');
  });

  it('shows every region’s note, each labelled, when the client region is not known', () => {
    const a = f2();
    const unknown = { ...a, engagement: { ...a.engagement, client_region: undefined }, items: a.items.map((i) => (i.key === 'f2/processor-terms' ? { ...i, region_notes: [{ region: 'eu', why: null, fix: 'EU-NOTE' }, { region: 'us', why: null, fix: 'US-NOTE' }] } : i)) } as typeof a;
    const blockers = section(renderHtmlReport(unknown), 'blockers-title');
    expect(blockers).toContain('<strong>EU/EEA:</strong> EU-NOTE');
    expect(blockers).toContain('<strong>US:</strong> US-NOTE');
  });

  it('lists onboarding items as "After you sign" tasks with how, unscored, before the checklist', () => {
    const page = renderHtmlReport(f2());
    const after = section(page, 'after-signing-title');
    expect(after).toContain('<code class="key">f2/access-register</code>');
    expect(after).toContain('<dt>How</dt><dd>Start a register on day one.');
    expect(page.indexOf('id="after-signing-title"')).toBeLessThan(page.indexOf('id="checklist-title"'));
  });

  it('gives each clause one line with what to ask for and every item that feeds it', () => {
    const checklist = section(renderHtmlReport(f2()), 'checklist-title');
    expect(checklist.match(/type="checkbox"/g)).toHaveLength(1);
    expect(checklist).toContain('<input type="checkbox" id="clause-f2-data-protection"><label for="clause-f2-data-protection">Data-processing terms <span class="status">partly in place; </span>from <code class="key">f2/processor-terms</code>, <code class="key">f2/transfer-terms</code>');
    expect(checklist).toContain('Ask for: Breach notice within 24 hours; deletion within 30 days of the end.');
  });

  it('keeps a clause behind an open condition, saying when it applies; lists a ruled-out one as not needed', () => {
    const open = section(renderHtmlReport(f2({ 'f2/personal-data': null }, { clientRegion: 'us' })), 'checklist-title');
    expect(open).toContain('<span class="status">only if the vendor handles personal data; </span>');
    const ruledOut = section(renderHtmlReport(f2({ 'f2/personal-data': 'no' }, { clientRegion: 'us' })), 'checklist-title');
    expect(ruledOut).toContain('Not needed for this engagement</h3>');
    expect(ruledOut).toContain('Data-processing terms <span class="status">(ruled out by an earlier answer; </span>from <code class="key">f2/processor-terms</code>');
    expect(ruledOut).not.toContain('type="checkbox"');
  });

  it('an onboarding check is titled so, scores the onboarding items and has no pre-contract checklist', () => {
    const a = f2({}, { stage: 'onboarding' });
    const page = renderHtmlReport(a);
    expect(page).toContain('<p class="kicker">Onboarding check</p>');
    expect(page).toContain('<title>Onboarding check: Fixture Support Ltd</title>');
    expect(page).not.toContain('id="checklist-title"');
    expect(page).not.toContain('id="after-signing-title"');
    expect(section(page, 'appendix-title')).toContain('<code class="key">f2/access-register</code>');
  });

  it('lists the answers about the engagement (need questions) in the appendix', () => {
    const appendix = section(renderHtmlReport(f2()), 'appendix-title');
    expect(appendix).toContain('<h3>About this engagement</h3>');
    expect(appendix).toContain('<tr><td><code class="key">f2/personal-data</code></td><td>Will the vendor see or store personal data of your customers?</td><td>yes</td>');
  });
});

describe('--no-notes in HTML', () => {
  it('renders no note and says once, in each page, that the notes were left out', () => {
    const hostile = hostileAssessment();
    const shared = withoutNotes(hostile);
    const pages = [renderHtmlReport(shared), renderHtmlChecklist(checklistOf(shared, true), { vendor: 'x', type: 'bpo', date: '2026-11-28' }), renderHtmlMatrix({ ...vendorMatrix([snapshotOf('a.yaml', shared), snapshotOf('b.yaml', assessFile('examples/bpo-call-centre.yaml'))]), notes_omitted: true }, '2026-11-28')];
    for (const [page, what] of pages.map((p, i) => [p, ['report', 'checklist', 'comparison'][i]] as const)) {
      expect(page.match(/Your notes were left out/g), what).toHaveLength(1);
      expect(page).toContain(`<p class="notes-left-out">Your notes were left out of this ${what}.</p>`);
      expect(page).not.toContain('Note on ');
      expect(page).not.toContain('END-OF-NOTE');
    }
    // With the notes in, they are shown and nothing says otherwise.
    const full = renderHtmlReport(hostile);
    expect(full).toContain('END-OF-NOTE');
    expect(full).not.toContain('Your notes were left out');
  });
});
