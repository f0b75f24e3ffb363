import { screen } from '@inquirer/testing/vitest';
import { vi } from 'vitest';

/** Waits until the prompt on screen shows `text`; the deadline only stops a broken test from hanging. */
export async function until(text: string): Promise<string> {
  let last = '';
  await vi.waitFor(
    () => {
      last = screen.getScreen();
      if (!last.includes(text)) throw new Error(`screen does not show "${text}":\n${last}`);
    },
    { timeout: 5_000, interval: 5 },
  );
  return last;
}
