import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findBrowser } from '../../src/io/pdf.js';

/** A file system holding only these files. */
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findBrowser (--format pdf)', () => {
  it('takes --browser over OUTSOURCE_CHECK_BROWSER over the PATH, and fails when the named one is missing', () => {
    const env = { PATH: '/usr/bin', OUTSOURCE_CHECK_BROWSER: '/opt/env-chrome' };
    const isFile = only('/opt/flag-chrome', '/opt/env-chrome', '/usr/bin/chromium');
    expect(findBrowser({ named: '/opt/flag-chrome', env, platform: 'linux', isFile })).toBe('/opt/flag-chrome');
    expect(findBrowser({ env, platform: 'linux', isFile })).toBe('/opt/env-chrome');
    expect(() => findBrowser({ named: '/opt/none', env, platform: 'linux', isFile })).toThrow(/no browser at \/opt\/none \(from --browser\)/);
    expect(() => findBrowser({ env: { OUTSOURCE_CHECK_BROWSER: '/x' }, platform: 'linux', isFile })).toThrow(/from OUTSOURCE_CHECK_BROWSER/);
  });

  it('searches the PATH in order, Chrome before Chromium within a folder', () => {
    const env = { PATH: '/home/me/bin:/usr/bin' };
    expect(findBrowser({ env, platform: 'linux', isFile: only('/usr/bin/chromium', '/usr/bin/google-chrome') })).toBe('/usr/bin/google-chrome');
    expect(findBrowser({ env, platform: 'linux', isFile: only('/usr/bin/google-chrome', '/home/me/bin/chromium-browser') })).toBe('/home/me/bin/chromium-browser');
  });

  it('knows the usual install places on macOS and Windows', () => {
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'darwin', isFile: only('/Applications/Chromium.app/Contents/MacOS/Chromium') })).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ env: { Path: 'C:\\Windows', PROGRAMFILES: 'C:\\Program Files' }, platform: 'win32', isFile: only(chrome) })).toBe(chrome);
  });

  it('fails with exit 2, saying how to name one and that nothing is downloaded, when there is none', () => {
    let error: unknown;
    try {
      findBrowser({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux', isFile: only() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(/needs Chrome or Chromium, and none was found.*never downloads one.*--browser PATH.*--format html/s);
  });
});
