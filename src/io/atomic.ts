import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Returns a unique temporary name in the same folder as `file`, so a rename onto `file` is atomic. */
export function temporaryPathFor(file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  return path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename,
 * so readers and a killed process only ever see the old file or the whole new one.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temporary = temporaryPathFor(file);
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Asynchronous form of {@link writeFileAtomic}. */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryPathFor(file);
  try {
    await fs.promises.writeFile(temporary, data);
    await fs.promises.rename(temporary, file);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}
