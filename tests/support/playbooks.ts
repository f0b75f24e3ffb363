import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cli.js';

/** Every item key (`playbook/item`) of a bundled playbook, in the order the file lists them. */
export function itemKeys(playbookId: string): string[] {
  const playbook = parse(readFileSync(path.join(ROOT, 'playbooks', `${playbookId}.yaml`), 'utf8')) as { id: string; sections: { items: { id: string }[] }[] };
  return playbook.sections.flatMap((section) => section.items.map((item) => `${playbook.id}/${item.id}`));
}
