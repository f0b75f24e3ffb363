// Redraws docs/html-report.png, the README's picture of the HTML report:
// the freelancer example rendered by the built CLI, opened in Debian's
// chromium (the same one the browser tests use). Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'oc-shot-'));
const page = path.join(dir, 'report.html');
execFileSync(process.execPath, [path.join(root, 'bin/outsource-check.cjs'), 'report', path.join(root, 'examples/freelancer-web.yaml'), '--format', 'html', '--no-checklist', '--out', page], { stdio: 'inherit' });
const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 880, height: 800 },
});
try {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.screenshot({ path: path.join(root, 'docs/html-report.png') });
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
