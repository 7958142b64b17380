import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

// Temporary files are named `.<name>.<pid>.<host><random>.tmp`: the writer's process id, 8 hex digits
// of the SHA-256 of its host name and 8 random hex digits. The host tag lets a process tell its own
// host's leftovers, whose writer it can check for, from those of processes on other hosts that write
// into the same shared folder.
const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const TEMPORARY_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{8}|[0-9a-f]{16})\.tmp$/;

/** Age after which a temporary file written on another host counts as abandoned; one file takes milliseconds to write. */
export const FOREIGN_TEMPORARY_MAX_AGE_MS = 10 * 60 * 1000;

/** Returns a unique temporary name in the same folder as `file`, so a rename onto `file` is atomic. */
export function temporaryPathFor(file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  return path.join(dir, `.${base}.${process.pid}.${HOST_TAG}${randomBytes(4).toString('hex')}.tmp`);
}

/** Parts of a temporary file name: the target file it replaces on rename, the writer's pid and whether it was written on this host. */
export interface TemporaryName {
  target: string;
  pid: number;
  /** False when the name carries another host's tag; true for this host and for names without a tag. */
  thisHost: boolean;
}

/** Parses a name made by {@link temporaryPathFor}; returns undefined for any other name. */
export function parseTemporaryName(name: string): TemporaryName | undefined {
  const match = TEMPORARY_NAME.exec(name);
  if (!match) return undefined;
  const tag = match[3];
  return { target: match[1], pid: Number(match[2]), thisHost: tag.length === 8 || tag.startsWith(HOST_TAG) };
}

/** True when a process with id `pid` runs on this host (EPERM means it runs under another user). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the temporary file `name` in `folder` was left by a writer that is gone: a process of
 * this host that no longer runs, or, for another host's file, one older than {@link FOREIGN_TEMPORARY_MAX_AGE_MS}.
 */
export function isStaleTemporaryFile(folder: string, name: string, now = Date.now()): boolean {
  const parsed = parseTemporaryName(name);
  if (!parsed) return false;
  if (parsed.thisHost) return !isProcessAlive(parsed.pid);
  const stats = fs.statSync(path.join(folder, name), { throwIfNoEntry: false });
  return stats !== undefined && now - stats.mtimeMs > FOREIGN_TEMPORARY_MAX_AGE_MS;
}

/**
 * Removes the temporary files in `folder` (not its subfolders) whose writer is gone, as
 * {@link isStaleTemporaryFile} decides, and returns their names. Files of live writers, such as other
 * shard processes writing into the same folder, are kept. A missing folder yields an empty list.
 */
export function removeStaleTemporaryFiles(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith('.tmp') || !isStaleTemporaryFile(folder, name, now)) continue;
    fs.rmSync(path.join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename,
 * so readers and a killed process only ever see the old file or the whole new one.
 * NOTE: nothing is fsynced, so after a power loss (unlike a killed process) some file systems may
 * keep a renamed file empty or partial. A resumed run re-renders such an image, because its CRCs fail.
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
