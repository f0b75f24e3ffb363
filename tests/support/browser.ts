import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's chromium package, driven by playwright-core, which never downloads
 * a browser of its own: these machines cannot, and .ci/run installs the package.
 */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), and nothing that phones home: a request in the log is the page's. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One browser per test file, on a fresh profile that is removed with it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium; .ci/run does it)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'oc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 800 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PixelStats {
  width: number;
  height: number;
  /** Share of pixels that are not (nearly) white. */
  inked: number;
  /** Distinct colours, coarsely quantised. */
  colours: number;
}

/** Decodes a PNG screenshot in a blank page of the same browser and measures how much is drawn on it. */
export async function pixelStats(context: BrowserContext, png: Buffer): Promise<PixelStats> {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (data: string) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.drawImage(image, 0, 0);
      const { data: px } = ctx.getImageData(0, 0, image.width, image.height);
      let inked = 0;
      const colours = new Set<number>();
      for (let i = 0; i < px.length; i += 4) {
        const r = px[i] ?? 0;
        const g = px[i + 1] ?? 0;
        const b = px[i + 2] ?? 0;
        if (r + g + b < 735) inked++;
        colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      }
      return { width: image.width, height: image.height, inked: inked / (px.length / 4), colours: colours.size };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

/** Pages in a PDF as Chromium writes it: one `/Type /Page` object per page. */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
