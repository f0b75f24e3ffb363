import { screen } from '@inquirer/testing/vitest';
import { it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { terminalAsker } from '../../src/ui/prompts.js';

it('probe', async () => {
  process.env.FORCE_COLOR = '1';
  const asker = terminalAsker({ color: false, output: new PassThrough() });
  const p = asker.select('Q?', [{ value: 'yes', name: 'Yes' }, { value: 'partly', name: 'Partly' }, {separator: '-- x'}, { value: 'no', name: 'No' }]);
  console.log(JSON.stringify(screen.getScreen({ raw: true })));
  console.log(screen.getScreen());
  screen.keypress('down');
  await screen.next();
  console.log(screen.getScreen());
  screen.keypress({ name: 'c', ctrl: true });
  await expect(p).rejects.toThrow();
  await p.catch((e) => console.log(e.name, e.message, e.cause?.name));
});
