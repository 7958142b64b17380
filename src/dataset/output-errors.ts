import { InputError } from '../errors.js';

/** System error codes of a full or unwritable output folder, with the words printed for each. */
const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/**
 * Turns a failed write into an InputError that names `folder`, the cause and what to do, when the
 * error's code is one of a full or unwritable folder. Returns undefined for any other error.
 */
export function asOutputFolderError(error: unknown, folder: string): InputError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in WRITE_FAILURES)) return undefined;
  const fix = code === 'ENOSPC' || code === 'EDQUOT' ? 'free space or choose another --output-folder' : 'make the folder writable or choose another --output-folder';
  return new InputError(
    `cannot write to ${folder}: ${WRITE_FAILURES[code]} (${code}). Files already written are complete and kept, and no partial file was left behind; ` +
      `${fix}, then rerun the same command to resume.`,
  );
}
