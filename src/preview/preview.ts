// `m3di preview` as a library function: writes the contact sheet and the gallery of a dataset folder.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { OUTPUT_FOLDERS, outputFileName } from '../dataset/output-kinds.js';
import { Multimodal3DIdent } from '../reader/dataset.js';
import { buildContactSheet } from './contact-sheet.js';
import { buildGalleryHtml, type GalleryExtra } from './gallery.js';

/** Options of {@link writePreview}. */
export interface PreviewOptions {
  /** Samples to show, from index 0; default 48. */
  count?: number;
  /** Contact sheet PNG; default DIR/contact-sheet.png. */
  sheetFile?: string;
  /** Gallery page; default DIR/index.html. */
  htmlFile?: string;
  /** Tiles per row of the contact sheet; default about a 4:3 sheet. */
  columns?: number;
  /** Side of each contact sheet tile in pixels; default 224. */
  tileSize?: number;
}

/** Files written by {@link writePreview} and the shown samples whose image could not be read. */
export interface PreviewResult {
  sheetFile: string;
  htmlFile: string;
  /** Samples shown in the sheet and the gallery. */
  shown: number;
  total: number;
  missingImages: number[];
}

/** Reads the dataset in `folder` and writes a contact sheet and a gallery page of its first samples. */
export function writePreview(folder: string, options: PreviewOptions = {}): PreviewResult {
  const dataset = Multimodal3DIdent.load(folder);
  const shown = Math.min(options.count ?? 48, dataset.length);
  const sheetFile = path.resolve(options.sheetFile ?? path.join(dataset.folder, 'contact-sheet.png'));
  const htmlFile = path.resolve(options.htmlFile ?? path.join(dataset.folder, 'index.html'));
  const indices = Array.from({ length: shown }, (_, i) => i);

  fs.mkdirSync(path.dirname(sheetFile), { recursive: true });
  fs.mkdirSync(path.dirname(htmlFile), { recursive: true });
  const sheet = buildContactSheet(indices.map((index) => ({ index, file: dataset.imagePaths[index] })), { columns: options.columns, tileSize: options.tileSize });
  writeFileAtomic(sheetFile, sheet.png);

  // Links are relative to the page, so the folder can be moved or served as it is.
  const htmlFolder = path.dirname(htmlFile);
  const relative = (file: string) => path.relative(htmlFolder, file).split(path.sep).join('/');
  const extraFile = (kind: 'mask' | 'normal', index: number) => path.join(dataset.folder, OUTPUT_FOLDERS[kind], outputFileName(kind, index, dataset.length));
  const samples = indices.map((index) => {
    const extras: GalleryExtra[] = [];
    for (const [kind, label] of [['mask', 'mask'], ['normal', 'normals']] as const) {
      const file = extraFile(kind, index);
      if (fs.existsSync(file)) extras.push({ label, url: relative(file) });
    }
    return {
      index,
      image: relative(dataset.imagePaths[index]),
      extras,
      sentence: dataset.sentences[index],
      imageLatents: dataset.imageLatents[index],
      textLatents: dataset.textLatents[index],
    };
  });
  const title = `${path.basename(dataset.folder)}: Multimodal3DIdent preview`;
  writeFileAtomic(htmlFile, buildGalleryHtml(samples, { title, total: dataset.length }));

  return { sheetFile, htmlFile, shown, total: dataset.length, missingImages: sheet.missing.map((tile) => tile.index) };
}
