import { randomInt } from 'node:crypto';
import { InputError } from '../errors.js';
import { MAX_SEED } from '../latents/mt19937.js';
import { parseIntegerFlag } from './args.js';

// NOTE: 10 million rows took 67 s and 3.7 GB of peak resident memory on a shared 2-core machine; more is untested.
/** Largest --n-points accepted by `m3di latents` and `m3di generate`. */
export const MAX_POINTS = 10_000_000;

/** Flags that choose the latents, shared by `m3di latents` and `m3di generate`. */
export const LATENT_FLAG_OPTIONS = {
  'n-points': { type: 'string' },
  seed: { type: 'string' },
  'position-dependent-color': { type: 'boolean' },
} as const;

/** Parsed latent flags; `seedGiven` is false when the seed was drawn at random. */
export interface LatentFlags {
  nPoints: number;
  seed: number;
  seedGiven: boolean;
  positionDependentColor: boolean;
}

/** Validates --n-points and --seed and draws a random seed when --seed is absent. */
export function parseLatentFlags(values: { 'n-points'?: string; seed?: string; 'position-dependent-color'?: boolean }): LatentFlags {
  const nPoints = parseIntegerFlag('--n-points', values['n-points'], 1, MAX_POINTS);
  const seedGiven = values.seed !== undefined;
  const seed = seedGiven ? parseIntegerFlag('--seed', values.seed, 0, MAX_SEED) : randomInt(0, MAX_SEED + 1);
  return { nPoints, seed, seedGiven, positionDependentColor: values['position-dependent-color'] ?? false };
}

/**
 * Returns the value of --output-folder. Throws InputError with `usage` when the flag is missing or
 * empty, or when a positional argument was given.
 */
export function outputFolderFlag(folder: string | undefined, positionals: string[], usage: string): string {
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${usage}`);
  if (folder === undefined || folder === '') throw new InputError(`missing --output-folder DIR\n${usage}`);
  return folder;
}
