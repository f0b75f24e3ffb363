import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and real terminals; two cores are all these machines have.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
