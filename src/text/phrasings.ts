// Words and sentence templates of the original generate_text.py.
import type { TextLatents } from '../latents/types.js';

/** Shape names by object_shape. */
export const SHAPE_NAMES = ['teapot', 'hare', 'dragon', 'cow', 'armadillo', 'horse', 'head'] as const;

/** Horizontal position words by object_xpos. */
export const XPOS_NAMES = ['left', 'center', 'right'] as const;

/** Vertical position words by object_ypos. */
export const YPOS_NAMES = ['top', 'mid', 'bottom'] as const;

/** Picks the word for integer factor `value`; throws RangeError when it has none. */
function wordFor(words: readonly string[], value: number, column: string): string {
  const word = Number.isInteger(value) ? words[value] : undefined;
  if (word === undefined) throw new RangeError(`${column} must be an integer from 0 to ${words.length - 1}, got ${value}`);
  return word;
}

/**
 * Renders the sentence of one row with template `textPhrasing` (0..4). The colour name goes in verbatim,
 * prefix included, between literal double quotes. Throws RangeError for a factor outside its range.
 */
export function renderSentence(row: TextLatents): string {
  const shape = wordFor(SHAPE_NAMES, row.objectShape, 'object_shape');
  const position = `${wordFor(YPOS_NAMES, row.objectYpos, 'object_ypos')}-${wordFor(XPOS_NAMES, row.objectXpos, 'object_xpos')}`;
  const color = row.objectColorName;

  switch (row.textPhrasing) {
    case 0:
      return `A ${shape} of "${color}" color is visible, positioned at the ${position} of the image.`;
    case 1:
      return `A "${color}" ${shape} is at the ${position} of the image.`;
    case 2:
      return `The ${position} of the image shows a "${color}" colored ${shape}.`;
    case 3:
      return `At the ${position} of the picture is a ${shape} in "${color}" color.`;
    case 4:
      return `At the ${position} of the image, there is a "${color}" object in the form of a ${shape}.`;
    default:
      throw new RangeError(`text_phrasing must be an integer from 0 to 4, got ${row.textPhrasing}`);
  }
}
