import { InputError } from '../errors.js';

/** Entry point of `m3di images`. */
export async function run(_argv: string[]): Promise<number> {
  throw new InputError('m3di images is not available in this build yet');
}
