import { InputError } from '../errors.js';

/**
 * Returns the value of --output-folder. Throws InputError with `usage` when the flag is missing or
 * empty, or when a positional argument was given.
 */
export function outputFolderFlag(folder: string | undefined, positionals: string[], usage: string): string {
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${usage}`);
  if (folder === undefined || folder === '') throw new InputError(`missing --output-folder DIR\n${usage}`);
  return folder;
}
