// The text file of a dataset: one sentence per sample in text/text_raw.txt.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { encodeLines } from '../io/lines.js';
import type { TextLatents } from '../latents/types.js';
import { renderSentence } from './phrasings.js';

/** Folder and file name of the sentences inside a dataset folder. */
export const TEXT_FOLDER = 'text';
export const TEXT_FILE = 'text_raw.txt';

/** Renders one sentence per row, joined by LF with no newline after the last, as the original writes text_raw.txt. */
export function renderText(rows: readonly TextLatents[]): string {
  return rows.map(renderSentence).join('\n');
}

/** Writes DIR/text/text_raw.txt for `rows` atomically, creating DIR/text if needed; returns the file's path. */
export function writeText(folder: string, rows: readonly TextLatents[]): string {
  const textFolder = path.join(folder, TEXT_FOLDER);
  fs.mkdirSync(textFolder, { recursive: true });
  const file = path.join(textFolder, TEXT_FILE);
  writeFileAtomic(file, encodeLines(rows.length, (i) => renderSentence(rows[i]), false));
  return file;
}
