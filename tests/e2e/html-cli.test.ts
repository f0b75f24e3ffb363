/**
 * `--format html` on the built CLI: check (from an answers file and in a real
 * terminal), report, checklist and compare write HTML pages, and with
 * --format pdf those pages printed by the machine's own Chromium; --json keeps
 * its meaning; an unknown format is a usage error.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser.js';
import { ROOT, runCli, tempDirs } from '../support/cli.js';
import { isSelect, REVIEW, terminalSuite } from '../support/terminal-screen.js';

const tempDir = tempDirs('oc-html-e2e-');
const FREELANCER = path.join(ROOT, 'examples', 'freelancer-web.yaml');
const BPO = path.join(ROOT, 'examples', 'bpo-call-centre.yaml');

function cli(cwd: string, args: string[]) {
  return runCli(args, { cwd, env: { OUTSOURCE_CHECK_HOME: path.join(cwd, 'home') } });
}

const isPage = (text: string) => text.startsWith('<!doctype html>\n<html lang="en">') && text.trimEnd().endsWith('</html>');

describe('--format html', () => {
  it('check --answers writes the report and the checklist as .html pages, and nothing in markdown', () => {
    const cwd = tempDir();
    const r = cli(cwd, ['check', '--answers', FREELANCER, '--format', 'html']);
    expect(r.stderr).toMatch(/wrote outsource-readiness-dana-kowalski-freelance-\d{4}-\d{2}-\d{2}\.html\nwrote outsource-checklist-dana-kowalski-freelance-\d{4}-\d{2}-\d{2}\.html/);
    expect(r.status).toBe(0);
    const files = readdirSync(cwd).filter((f) => f !== 'home');
    expect(files.map((f) => path.extname(f))).toEqual(['.html', '.html']);
    const report = readFileSync(path.join(cwd, files.find((f) => f.startsWith('outsource-readiness-'))!), 'utf8');
    const checklist = readFileSync(path.join(cwd, files.find((f) => f.startsWith('outsource-checklist-'))!), 'utf8');
    expect(isPage(report)).toBe(true);
    expect(report).toContain('Verdict: Ready, with gaps');
    expect(report).toContain('<svg');
    expect(isPage(checklist)).toBe(true);
    expect(checklist).toContain('type="checkbox"');
    // Written again only with --force, like markdown.
    expect(cli(cwd, ['check', '--answers', FREELANCER, '--format', 'html']).status).toBe(73);
    expect(cli(cwd, ['check', '--answers', FREELANCER, '--format', 'html', '--force']).status).toBe(0);
  });

  it('report --out - prints the page; --json still prints the result object', () => {
    const cwd = tempDir();
    const page = cli(cwd, ['report', FREELANCER, '--format', 'html', '--out', '-']);
    expect(page.status).toBe(0);
    expect(isPage(page.stdout)).toBe(true);
    const json = cli(cwd, ['report', FREELANCER, '--format', 'html', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'outsource-check/report@1' });
    expect(readdirSync(cwd).filter((f) => f !== 'home')).toEqual([]);
  });

  it('compare and checklist print pages too', () => {
    const cwd = tempDir();
    const matrix = cli(cwd, ['compare', FREELANCER, BPO, '--format', 'html']);
    expect(matrix.status).toBe(0);
    expect(isPage(matrix.stdout)).toBe(true);
    expect(matrix.stdout).toContain('Decision matrix');
    expect(matrix.stdout).toContain('aria-labelledby="matrix-chart-title matrix-chart-desc"');
    const out = cli(cwd, ['compare', FREELANCER, BPO, '--format', 'html', '--out', 'cmp.html']);
    expect(out.status).toBe(0);
    expect(isPage(readFileSync(path.join(cwd, 'cmp.html'), 'utf8'))).toBe(true);
    const checklist = cli(cwd, ['checklist', '--type', 'bpo', '--format', 'html']);
    expect(checklist.status).toBe(0);
    expect(isPage(checklist.stdout)).toBe(true);
    expect(checklist.stdout).not.toContain(' checked');
  });

  it('an unknown format is a usage error (exit 2) that names the choices', () => {
    const r = cli(tempDir(), ['report', FREELANCER, '--format', 'docx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Allowed choices are md, html, pdf.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--format pdf', () => {
  const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const mediaBox = (pdf: Buffer) => /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))?.slice(1).map((n) => Math.round(Number(n)));

  it('prints the report with the named Chromium, on A4 by default, and a comparison on Letter when asked', () => {
    const cwd = tempDir();
    // One browser run per file: the checklist would be printed the same way, and each run costs a second or two.
    const r = cli(cwd, ['check', '--answers', FREELANCER, '--format', 'pdf', '--browser', CHROMIUM, '--no-checklist']);
    expect(r.stderr).toMatch(/^wrote outsource-readiness-dana-kowalski-freelance-[\d-]+\.pdf\n(?!wrote)/);
    expect(r.status).toBe(0);
    const report = readFileSync(path.join(cwd, readdirSync(cwd).find((f) => f.startsWith('outsource-readiness-'))!));
    expect(report.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(report)).toBeGreaterThanOrEqual(3);
    expect(pages(report)).toBeLessThanOrEqual(25);
    expect(mediaBox(report)).toEqual([595, 842]);
    const letter = cli(cwd, ['compare', FREELANCER, BPO, '--format', 'pdf', '--paper', 'letter', '--browser', CHROMIUM, '--out', 'cmp.pdf']);
    expect(letter.status).toBe(0);
    expect(mediaBox(readFileSync(path.join(cwd, 'cmp.pdf')))).toEqual([612, 792]);
  });

  it('fails with exit 2 and writes nothing when no browser is found, or the named one is missing, or the PDF would go to stdout', () => {
    const cwd = tempDir();
    const none = runCli(['report', FREELANCER, '--format', 'pdf', '--out', 'r.pdf'], { cwd, env: { PATH: path.join(cwd, 'empty'), OUTSOURCE_CHECK_HOME: path.join(cwd, 'home') } });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--format pdf needs Chrome or Chromium, and none was found');
    const missing = cli(cwd, ['checklist', '--type', 'bpo', '--format', 'pdf', '--browser', path.join(cwd, 'chrome'), '--out', 'c.pdf']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`no browser at ${path.join(cwd, 'chrome')} (from --browser)`);
    const stdout = cli(cwd, ['report', FREELANCER, '--format', 'pdf', '--browser', CHROMIUM, '--out', '-']);
    expect(stdout.status).toBe(2);
    expect(stdout.stderr).toContain('--format pdf writes a file');
    expect(readdirSync(cwd).filter((f) => f !== 'home')).toEqual([]);
  });

  it('a browser that fails to print is an output error (exit 73) that names it, and leaves no file', () => {
    const cwd = tempDir();
    const r = cli(cwd, ['report', FREELANCER, '--format', 'pdf', '--browser', '/bin/false', '--out', 'r.pdf', '--no-checklist']);
    expect(r.status).toBe(73);
    expect(r.stderr).toContain('r.pdf: cannot print to PDF with /bin/false: it exited with 1');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(cwd, 'r.pdf'))).toBe(false);
  });
});

const { tmux, workspace, launch } = terminalSuite(`oc-html-${process.pid}`, 'oc-html-term-');

describe('--format html in the interview', () => {
  it('finishing the review writes the report and checklist as HTML', async () => {
    const where = workspace();
    copyFileSync(FREELANCER, path.join(where.cwd, 'session.yaml'));
    const run = launch(where, 'check --resume session.yaml --format html');
    await tmux.waitFor(run.session, (s) => isSelect(s) && s.includes(REVIEW), 'the review screen');
    tmux.keys(run.session, 'Enter');
    expect(await tmux.exitCode(run.session)).toBe(0);
    const screen = tmux.capture(run.session, { history: true, join: true });
    const report = /Report: +(\S+\.html)/.exec(screen)?.[1] ?? '';
    const checklist = /Checklist: +(\S+\.html)/.exec(screen)?.[1] ?? '';
    expect(path.basename(report)).toMatch(/^outsource-readiness-dana-kowalski-freelance-.*\.html$/);
    expect(path.basename(checklist)).toMatch(/^outsource-checklist-dana-kowalski-freelance-.*\.html$/);
    expect(isPage(readFileSync(path.resolve(where.cwd, report), 'utf8'))).toBe(true);
    expect(isPage(readFileSync(path.resolve(where.cwd, checklist), 'utf8'))).toBe(true);
  }, 120_000);
});
