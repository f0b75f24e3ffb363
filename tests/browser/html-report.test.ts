import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pdfPageCount, pixelStats, type Browser } from '../support/browser.js';
import { exampleDocs } from '../support/html-docs.js';

/**
 * The HTML pages in a real browser (Debian's chromium): they load with no
 * console error and no request, nothing in them runs, the verdict shows
 * without scrolling on a laptop and a phone, axe finds nothing serious, and
 * printing gives a sensible number of A4 and Letter pages.
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'oc-html-'));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Loaded {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
}

/** Opens a page from a file, as an email attachment would be, recording every request and every console error. */
async function open(name: string, html: string): Promise<Loaded> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Anything the page manages to run would call one of these.
  await page.addInitScript(() => {
    const w = window as unknown as { __ran: string[] };
    w.__ran = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) window[name] = ((...args: unknown[]) => w.__ran.push(`${name}(${args.join(',')})`)) as never;
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, errors };
}

describe.each(exampleDocs().map((d) => [d.name, d] as const))('%s in Chromium', (name, doc) => {
  let loaded: Loaded;
  beforeAll(async () => {
    loaded = await open(name, doc.html);
  });
  afterAll(async () => {
    await loaded?.page.close();
  });

  it('loads with no console error, no request but its own file, and nothing that runs', async () => {
    const { page, url, requests, errors } = loaded;
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const found = await page.evaluate(() => ({
      ran: (window as unknown as { __ran: string[] }).__ran,
      active: document.querySelectorAll('script, img, iframe, object, embed, link, base, form, svg script, foreignObject').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on'))),
      links: [...document.querySelectorAll('a')].map((a) => a.protocol).filter((p) => p !== 'https:' && p !== 'http:'),
      lang: document.documentElement.lang,
      styled: getComputedStyle(document.body).fontSize,
    }));
    expect(found).toEqual({ ran: [], active: 0, handlers: [], links: [], lang: 'en', styled: '16px' });
  });

  it.each(VIEWPORTS)('is drawn at $width×$height with the verdict above the fold and nothing wider than the screen', async (viewport) => {
    const { page } = loaded;
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const stats = await pixelStats(browser.context, await page.screenshot());
    expect(stats.width).toBe(viewport.width);
    expect(stats.height).toBe(viewport.height);
    expect(stats.inked).toBeGreaterThan(0.03);
    expect(stats.colours).toBeGreaterThan(8);
    const first = await page.evaluate((selector) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), overflow: document.documentElement.scrollWidth - window.innerWidth };
    }, doc.verdict ? '#verdict h2' : 'h1');
    expect(first).not.toBeNull();
    expect(first!.top).toBeGreaterThanOrEqual(0);
    expect(first!.bottom).toBeLessThanOrEqual(viewport.height);
    if (doc.verdict) expect(first!.text).toMatch(/^(✔|▲|✘)? ?(Verdict: |First choice: |Now: )/);
    expect(first!.overflow).toBeLessThanOrEqual(0);
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const { page } = loaded;
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 2).map((n) => JSON.stringify(n.target)) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('prints to A4 and Letter PDFs of a sensible length, keeping rows and items whole and headings with their text', async () => {
    const { page } = loaded;
    // Chromium lays out a print from the window it has; a desktop one, as a reader printing would have.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ media: 'print' });
    const rules = await page.evaluate(() => {
      const style = (selector: string) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el) : null;
      };
      return {
        h2: style('h2')?.breakAfter,
        row: style('tbody tr')?.breakInside ?? 'avoid',
        item: style('li.item')?.breakInside ?? 'avoid',
        box: style('ul.checklist li')?.breakInside ?? 'avoid',
      };
    });
    // Back to no emulation: an emulated screen medium would print with the screen styles.
    await page.emulateMedia({ media: null });
    expect(rules).toEqual({ h2: 'avoid', row: 'avoid', item: 'avoid', box: 'avoid' });
    const counts: number[] = [];
    // The hostile page is long (5,000-character notes everywhere): A4 alone shows it prints.
    for (const format of doc.hostile ? (['A4'] as const) : (['A4', 'Letter'] as const)) {
      const pdf = await page.pdf({ format, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      counts.push(pdfPageCount(pdf));
    }
    const [a4 = 0, letter = a4] = counts;
    // A BPO report of eight playbooks with some forty gaps, each with why, fix and its region's note, and a checklist
    // of about thirty clauses fills under forty pages; the hostile one, with 5,000-character notes everywhere, many more.
    expect(a4).toBeGreaterThanOrEqual(1);
    expect(a4).toBeLessThanOrEqual(doc.hostile ? 150 : 40);
    // Letter is shorter than A4, so never fewer pages; and never wildly more.
    expect(letter).toBeGreaterThanOrEqual(a4);
    expect(letter).toBeLessThanOrEqual(Math.ceil(a4 * 1.3) + 1);
  });
});
