import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/schemas.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (...segments: string[]) => readFileSync(path.join(ROOT, ...segments), 'utf8');

describe('JSON Schemas', () => {
  const generated = jsonSchemas();

  // The drift guard: a change to the zod schemas must come with the regenerated files (`npm run schemas` writes them;
  // the build does not, so what is compared here is what is committed).
  it.each(['playbook', 'answers'] as const)('schema/%s.schema.json is what the zod schema generates, byte for byte', (name) => {
    expect(read('schema', `${name}.schema.json`)).toBe(generated[name]);
  });

  it('are draft-07 documents describing the two formats', () => {
    const playbook = JSON.parse(generated.playbook) as { $schema: string; title: string; properties: Record<string, { const?: string; enum?: string[] }>; required: string[]; additionalProperties: boolean };
    const answers = JSON.parse(generated.answers) as typeof playbook;
    expect(playbook.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(answers.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(playbook.title).toBe('outsource-check playbook');
    expect(answers.title).toBe('outsource-check answers');
    expect(playbook.properties.format?.enum).toEqual(['outsource-check/playbook@1', 'outsource-check/playbook@2']);
    expect(answers.properties.format?.const).toBe('outsource-check/answers@1');
    expect(playbook.required).toEqual(expect.arrayContaining(['format', 'id', 'kind', 'title', 'version', 'summary', 'sections']));
    expect(answers.required).toEqual(expect.arrayContaining(['format', 'engagement']));
    // Unknown fields are errors in the loader, so editors must flag them too.
    expect(playbook.additionalProperties).toBe(false);
    expect(answers.additionalProperties).toBe(false);
  });
});

describe('bundled playbooks', () => {
  const files = readdirSync(path.join(ROOT, 'playbooks')).filter((f) => /\.ya?ml$/.test(f));

  it('are all here', () => {
    // Eight ship today; the check below must not pass vacuously on an empty folder.
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s starts with the yaml-language-server schema line', (file) => {
    const first = read('playbooks', file).split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../schema/playbook.schema.json');
  });
});
