import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OutputError, UsageError } from '../errors.js';

/**
 * --format pdf: the HTML page printed by a Chrome or Chromium already on the
 * user's machine, found on the PATH or in the usual install folders, or named
 * by --browser (or OUTSOURCE_CHECK_BROWSER). Nothing is ever downloaded.
 */

const ON_PATH = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser', 'chrome', 'microsoft-edge', 'microsoft-edge-stable'];
const ON_PATH_WINDOWS = ['chrome.exe', 'msedge.exe'];

function installed(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome', 'Chromium', 'Microsoft Edge'].map((app) => `/Applications/${app}.app/Contents/MacOS/${app}`);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((root) => [path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  return [];
}

export interface BrowserSearch {
  /** --browser, when given. */
  named?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  isFile?: (file: string) => boolean;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The browser to print with: the one named, else the first found. Fails (exit 2) saying how to name one. */
export function findBrowser(search: BrowserSearch): string {
  const exists = search.isFile ?? isFile;
  const platform = search.platform ?? process.platform;
  const named = search.named ?? (search.env.OUTSOURCE_CHECK_BROWSER || undefined);
  if (named !== undefined) {
    if (!exists(named)) throw new UsageError(`--format pdf: no browser at ${named} (from ${search.named !== undefined ? '--browser' : 'OUTSOURCE_CHECK_BROWSER'}); name a Chrome or Chromium executable`);
    return named;
  }
  const dirs = (search.env.PATH ?? search.env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  const names = platform === 'win32' ? ON_PATH_WINDOWS : ON_PATH;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  for (const dir of dirs) for (const name of names) if (exists(pathApi.join(dir, name))) return pathApi.join(dir, name);
  for (const file of installed(search.env, platform)) if (exists(file)) return file;
  throw new UsageError(
    '--format pdf needs Chrome or Chromium, and none was found on the PATH or in the usual places (outsource-check never downloads one).\n' +
      'Name one with --browser PATH (or OUTSOURCE_CHECK_BROWSER), or write --format html and use the browser\'s Print to PDF.',
  );
}

/** Prints a self-contained HTML page to PDF with the browser's own headless printing, in a private temporary folder and profile. */
export function printPdf(browser: string, html: string, target: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'outsource-check-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    writeFileSync(page, html, { mode: 0o600 });
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-quic',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      // Chromium will not start as root with its sandbox on; the page has no script to contain anyway.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(page).href,
    ];
    // Loaded here, not at the top: every report command imports this module, and only pdf needs a child process.
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const run = spawnSync(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, encoding: 'utf8' });
    const bytes = existsSync(pdf) ? readFileSync(pdf) : null;
    if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = run.error ? run.error.message : run.signal ? `it was stopped by ${run.signal}` : `it exited with ${run.status}`;
      // The browser's last words, without anything a terminal would take as a command.
      const said = (run.stderr ?? '')
        .split('\n')
        .map((l) => l.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim())
        .filter((l) => l !== '')
        .slice(-3)
        .join('\n  ');
      throw new OutputError(target, `cannot print to PDF with ${browser}: ${why}${said ? `\n  ${said}` : ''}`);
    }
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
