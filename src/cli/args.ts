import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` against `options` and turns parse failures (unknown flag, missing value) into InputError. */
export function parseFlags<T extends Options>(
  argv: string[],
  options: T,
  usage: string,
): { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return parsed as never;
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${usage}`);
  }
}

/**
 * Parses a decimal integer flag value and checks it lies in [min, max].
 * Rejects fractions, exponents, signs where min >= 0, and empty strings, naming the flag and the fix.
 */
export function parseIntegerFlag(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) throw new InputError(`missing value for ${flag}; give an integer from ${min} to ${max}`);
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw new InputError(`invalid ${flag} ${JSON.stringify(text)}: not an integer; give an integer from ${min} to ${max}`);
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError(`invalid ${flag} ${JSON.stringify(text)}: out of range; give an integer from ${min} to ${max}`);
  }
  return value;
}
