import { InputError } from '../errors.js';

/** Entry point of `m3di latents`. */
export async function run(_argv: string[]): Promise<number> {
  throw new InputError('m3di latents is not available in this build yet');
}
