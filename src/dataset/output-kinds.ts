// The per-pixel outputs a dataset folder can hold: the rendered image and the optional ground truth.
import { InputError } from '../errors.js';
import { imageFileName } from './image-names.js';

/** Values of --outputs: the RGB render, the object mask, linear depth and world-space normals. */
export const OUTPUT_KINDS = ['rgb', 'mask', 'depth', 'normal'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Folder of each output inside a dataset folder. */
export const OUTPUT_FOLDERS: Readonly<Record<OutputKind, string>> = { rgb: 'images', mask: 'masks', depth: 'depth', normal: 'normals' };

/** File name extension of each output; depth is a NumPy float32 array, the others are PNG images. */
export const OUTPUT_EXTENSIONS: Readonly<Record<OutputKind, string>> = { rgb: '.png', mask: '.png', depth: '.npy', normal: '.png' };

/** File name of output `kind` for sample `index` of `n`: the image's name with the output's extension. */
export function outputFileName(kind: OutputKind, index: number, n: number): string {
  return imageFileName(index, n).replace(/\.png$/, OUTPUT_EXTENSIONS[kind]);
}

/** Parses a comma-separated --outputs list such as `rgb,mask`; throws InputError on an unknown or empty list. */
export function parseOutputKinds(text: string): Set<OutputKind> {
  const kinds = new Set<OutputKind>();
  for (const part of text.split(',')) {
    const name = part.trim();
    const kind = OUTPUT_KINDS.find((candidate) => candidate === name);
    if (!kind) throw new InputError(`invalid --outputs entry ${JSON.stringify(name)}; give a comma-separated list of ${OUTPUT_KINDS.join(', ')}`);
    kinds.add(kind);
  }
  return kinds;
}
