import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { packageFile } from '../../package-files.js';
import type { CommandContext } from '../context.js';

/** Prints the committed schema file, so this command never loads zod. */
export async function printSchema(ctx: CommandContext, options: { which: 'playbook' | 'answers' }): Promise<void> {
  const file = packageFile('schema', `${options.which}.schema.json`) ?? `schema/${options.which}.schema.json`;
  try {
    ctx.stdout.write(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(file, 'the schema file is missing; reinstall outsource-check', { cause: error });
  }
}
