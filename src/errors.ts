/**
 * An error caused by the user's input (flags, files, values) rather than by a bug.
 * The CLI prints its message without a stack trace and exits with status 1.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** Builds the standard message for one bad cell of a CSV file: file, 1-based data row, column, value and the fix. */
export function csvCellError(file: string, row: number, column: string, value: string, problem: string, fix: string): InputError {
  return new InputError(`${file}: row ${row}, column ${column}: ${problem} (value ${JSON.stringify(value)}). ${fix}`);
}
