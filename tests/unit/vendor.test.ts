import { describe, expect, it } from 'vitest';
import { engagementSchema } from '../../src/assessment/answers-schema.js';
import { MAX_VENDOR_LENGTH, sameVendor, vendorKey, vendorNameProblem } from '../../src/assessment/vendor.js';
import { defaultReportName, slug } from '../../src/cli/output.js';
import { latestPerVendor } from '../../src/cli/commands/due.js';
import type { SavedSession } from '../../src/io/sessions.js';
import { makeStyle } from '../../src/terminal/style.js';
import { askVendor, type InterviewDeps } from '../../src/ui/interview.js';
import { input, ScriptedAsker } from '../support/scripted-asker.js';

const NAMES = ['Acme', '   ', '', '\t \n', ' Acme ', 'x'.repeat(MAX_VENDOR_LENGTH), 'x'.repeat(MAX_VENDOR_LENGTH + 1), ` ${'x'.repeat(MAX_VENDOR_LENGTH)} `, '鈴'.repeat(MAX_VENDOR_LENGTH + 1), '鈴木工業'];

describe('one rule for vendor names', () => {
  it('the loader and the rule agree on every name', () => {
    for (const name of NAMES) expect(engagementSchema.shape.vendor.safeParse(name).success, JSON.stringify(name)).toBe(vendorNameProblem(name) === null);
  });

  it('refuses names of spaces only and names over the limit', () => {
    expect(vendorNameProblem('   ')).toBe('must not be empty');
    expect(vendorNameProblem('x'.repeat(MAX_VENDOR_LENGTH + 1))).toBe(`must be at most ${MAX_VENDOR_LENGTH} characters`);
    expect(vendorNameProblem(' Acme ')).toBeNull();
  });

  it('the vendor prompt asks again until the name is one the loader will read back', async () => {
    const asker = new ScriptedAsker([input('    '), input('x'.repeat(MAX_VENDOR_LENGTH + 1)), input('  Acme Ltd ')]);
    const deps: InterviewDeps = { asker, print: () => {}, style: makeStyle(false), width: 80, now: () => new Date(), save: () => {}, sessionFile: 's.yaml' };
    expect(await askVendor(deps)).toBe('Acme Ltd');
    expect(asker.refused).toEqual(['The name must not be empty.', `The name must be at most ${MAX_VENDOR_LENGTH} characters.`]);
  });
});

describe('vendor identity is the normalised name, not the file slug', () => {
  it('tells non-Latin names apart, and folds width, case and spacing', () => {
    expect(sameVendor('鈴木工業', '山田商事')).toBe(false);
    expect(sameVendor('ＡＣＭＥ  Ltd', ' acme ltd')).toBe(true);
    expect(sameVendor('Straße GmbH', 'STRASSE gmbh')).toBe(true);
    expect(vendorKey(' Acme\t Support ')).toBe('acme support');
  });

  it('gives different vendors different file names, with a hash where letters were lost', () => {
    expect(slug('Acme Support Ltd')).toBe('acme-support-ltd');
    expect(slug('Café Olé')).toBe('cafe-ole');
    expect(slug('鈴木工業')).toMatch(/^vendor-[0-9a-f]{6}$/);
    expect(slug('鈴木工業')).not.toBe(slug('山田商事'));
    expect(slug('鈴木 Ltd')).toMatch(/^ltd-[0-9a-f]{6}$/);
    expect(slug('鈴木 Ltd')).not.toBe(slug('山田 Ltd'));
    // Cut at 40 characters: two long names that differ only past the cut stay apart.
    expect(slug(`${'a'.repeat(40)} one`)).not.toBe(slug(`${'a'.repeat(40)} two`));
    const day = new Date(2026, 10, 28);
    expect(defaultReportName('鈴木工業', day)).not.toBe(defaultReportName('山田商事', day));
  });

  it('due keeps one entry per vendor, and non-Latin vendors are not merged', () => {
    const saved = (vendor: string, file: string): SavedSession => ({ file, session: { format: 'outsource-check/answers@1', engagement: { vendor, type: 'agency' }, meta: { finished: '2026-11-28T10:00:00Z' } } });
    const latest = latestPerVendor([saved('鈴木工業', 'a.yaml'), saved('山田商事', 'b.yaml'), saved('ＡＣＭＥ', 'c.yaml'), saved('acme', 'd.yaml')]);
    expect(latest.map((s) => s.file)).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });
});
