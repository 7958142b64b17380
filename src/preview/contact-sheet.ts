// Contact sheet: the first images of a dataset in a grid, each labelled with its sample index.
import { PNG } from 'pngjs';
import { readPng } from '../io/png.js';

/** One tile of the sheet: the sample index and its image file. */
export interface SheetTile {
  index: number;
  file: string;
}

/** Options of {@link buildContactSheet}. */
export interface ContactSheetOptions {
  /** Tiles per row; default ceil(sqrt(4/3 · count)), about a 4:3 sheet. */
  columns?: number;
  /** Tile side in pixels; images of another size are resampled (area average). Default 224. */
  tileSize?: number;
  /** Pixels between tiles and around the sheet; default 4. */
  gap?: number;
}

/** Result of {@link buildContactSheet}: the PNG bytes and the tiles whose image could not be read. */
export interface ContactSheet {
  png: Buffer;
  width: number;
  height: number;
  missing: SheetTile[];
}

const BACKGROUND = [32, 32, 32];
const MISSING_TILE = [96, 96, 96];

// Digits 0-9 as 3 × 5 bitmaps, one string of 15 cells per digit, read row by row.
const DIGITS = [
  '111101101101111', '010110010010111', '111001111100111', '111001111001111', '101101111001001',
  '111100111001111', '111100111101111', '111001001001001', '111101111101111', '111101111001111',
];
const DIGIT_SCALE = 2;

type Rgb = readonly number[];

/** Writes RGB `color` into the RGBA sheet at (x, y), ignoring points outside it. */
function setPixel(sheet: PNG, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= sheet.width || y >= sheet.height) return;
  const offset = 4 * (y * sheet.width + x);
  sheet.data[offset] = color[0];
  sheet.data[offset + 1] = color[1];
  sheet.data[offset + 2] = color[2];
  sheet.data[offset + 3] = 255;
}

function fillRect(sheet: PNG, x: number, y: number, width: number, height: number, color: Rgb): void {
  for (let row = y; row < y + height; row++) for (let column = x; column < x + width; column++) setPixel(sheet, column, row, color);
}

/** Draws `text` (digits only) in white on a black box with its top-left corner at (x, y). */
function drawLabel(sheet: PNG, x: number, y: number, text: string): void {
  const advance = 4 * DIGIT_SCALE;
  fillRect(sheet, x, y, text.length * advance + DIGIT_SCALE, 7 * DIGIT_SCALE, [0, 0, 0]);
  [...text].forEach((character, position) => {
    const bitmap = DIGITS[Number(character)];
    for (let cell = 0; cell < 15; cell++) {
      if (bitmap[cell] !== '1') continue;
      const left = x + DIGIT_SCALE + position * advance + (cell % 3) * DIGIT_SCALE;
      const top = y + DIGIT_SCALE + Math.floor(cell / 3) * DIGIT_SCALE;
      fillRect(sheet, left, top, DIGIT_SCALE, DIGIT_SCALE, [255, 255, 255]);
    }
  });
}

/** Copies an RGBA image into a `size` × `size` tile at (x, y), averaging the source pixels that each tile pixel covers. */
function drawImage(sheet: PNG, x: number, y: number, size: number, image: { width: number; height: number; data: Uint8Array }): void {
  for (let row = 0; row < size; row++) {
    const top = Math.floor((row * image.height) / size);
    const bottom = Math.max(top + 1, Math.floor(((row + 1) * image.height) / size));
    for (let column = 0; column < size; column++) {
      const left = Math.floor((column * image.width) / size);
      const right = Math.max(left + 1, Math.floor(((column + 1) * image.width) / size));
      const sum = [0, 0, 0];
      for (let sourceRow = top; sourceRow < bottom; sourceRow++) {
        for (let sourceColumn = left; sourceColumn < right; sourceColumn++) {
          const offset = 4 * (sourceRow * image.width + sourceColumn);
          sum[0] += image.data[offset];
          sum[1] += image.data[offset + 1];
          sum[2] += image.data[offset + 2];
        }
      }
      const count = (bottom - top) * (right - left);
      setPixel(sheet, x + column, y + row, sum.map((value) => Math.round(value / count)));
    }
  }
}

/**
 * Lays out `tiles` row by row on a dark background and returns the sheet as an RGB PNG. A tile
 * whose image is missing or unreadable is drawn plain grey and listed in `missing`.
 */
export function buildContactSheet(tiles: readonly SheetTile[], options: ContactSheetOptions = {}): ContactSheet {
  if (tiles.length === 0) throw new RangeError('a contact sheet needs at least one image');
  const columns = Math.max(1, Math.min(tiles.length, options.columns ?? Math.ceil(Math.sqrt((4 / 3) * tiles.length))));
  const rows = Math.ceil(tiles.length / columns);
  const size = options.tileSize ?? 224;
  const gap = options.gap ?? 4;

  const sheet = new PNG({ width: gap + columns * (size + gap), height: gap + rows * (size + gap) });
  fillRect(sheet, 0, 0, sheet.width, sheet.height, BACKGROUND);

  const missing: SheetTile[] = [];
  tiles.forEach((tile, position) => {
    const x = gap + (position % columns) * (size + gap);
    const y = gap + Math.floor(position / columns) * (size + gap);
    let image: ReturnType<typeof readPng> | undefined;
    try {
      image = readPng(tile.file);
    } catch {
      missing.push(tile);
    }
    if (image) drawImage(sheet, x, y, size, image);
    else fillRect(sheet, x, y, size, size, MISSING_TILE);
    drawLabel(sheet, x, y, String(tile.index));
  });

  const png = PNG.sync.write(sheet, { colorType: 2, inputColorType: 6 });
  return { png, width: sheet.width, height: sheet.height, missing };
}
