import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * Makes sure `folder` exists as a folder, creating it (but not its parents) when its parent exists.
 * Throws InputError naming `flag` and the fix when the parent is missing or a path is not a folder.
 */
export function prepareOutputFolder(folder: string, flag = '--output-folder'): string {
  const stats = fs.statSync(folder, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return folder;
  if (stats) throw new InputError(`${flag} ${folder}: exists and is not a folder; choose a folder path.`);

  const parent = path.dirname(path.resolve(folder));
  const parentStats = fs.statSync(parent, { throwIfNoEntry: false });
  if (!parentStats) {
    throw new InputError(`${flag} ${folder}: parent folder ${parent} does not exist; create it first (mkdir -p ${parent}).`);
  }
  if (!parentStats.isDirectory()) throw new InputError(`${flag} ${folder}: ${parent} is not a folder; choose another path.`);

  try {
    fs.mkdirSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && fs.statSync(folder).isDirectory()) return folder;
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${flag} ${folder}: permission denied creating the folder.`);
    throw error;
  }
  return folder;
}

/** Checks that `folder` exists and is a folder; throws InputError naming `flag` and `fix` otherwise. */
export function requireFolder(folder: string, flag: string, fix: string): string {
  const stats = fs.statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new InputError(`${flag} ${folder}: folder not found; ${fix}`);
  if (!stats.isDirectory()) throw new InputError(`${flag} ${folder}: not a folder; ${fix}`);
  return folder;
}
