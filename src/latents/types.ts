// Rows and column names of latents_image.csv and latents_text.csv.

/** One row of latents_image.csv: the factors that fix one rendered image. */
export interface ImageLatents {
  /** Mesh: 0 teapot, 1 hare, 2 dragon, 3 cow, 4 armadillo, 5 horse, 6 head. */
  objectShape: number;
  /** Horizontal image position: 0 left, 1 center, 2 right. */
  objectXpos: number;
  /** Vertical image position: 0 top, 1 mid, 2 bottom. */
  objectYpos: number;
  /** Height of the object; always 0 in generated data. */
  objectZpos: number;
  /** Rotation factors in [0, 1] about X, Y and Z. */
  objectAlpharot: number;
  objectBetarot: number;
  objectGammarot: number;
  /** Object hue in [0, 1]. */
  objectColor: number;
  /** Spotlight angle factor in [0, 1]. */
  spotlightPos: number;
  /** Spotlight hue factor in [0, 1]. */
  spotlightColor: number;
  /** Ground hue factor in [0, 1]. */
  backgroundColor: number;
}

/** One row of latents_text.csv: the factors that fix one sentence. */
export interface TextLatents {
  objectShape: number;
  objectXpos: number;
  objectYpos: number;
  objectZpos: number;
  /** Colour name with its palette prefix, e.g. `tab:blue`, `xkcd:bright teal`, `lawngreen`. */
  objectColorName: string;
  /** Position of the name among all palette names sorted (0..1106). */
  objectColorIndex: number;
  /** Sentence template, 0..4. */
  textPhrasing: number;
}

/** Header of latents_image.csv, in file order. */
export const IMAGE_COLUMNS = [
  'object_shape',
  'object_xpos',
  'object_ypos',
  'object_zpos',
  'object_alpharot',
  'object_betarot',
  'object_gammarot',
  'object_color',
  'spotlight_pos',
  'spotlight_color',
  'background_color',
] as const;

/** Header of latents_text.csv, in file order. */
export const TEXT_COLUMNS = [
  'object_shape',
  'object_xpos',
  'object_ypos',
  'object_zpos',
  'object_color_name',
  'object_color_index',
  'text_phrasing',
] as const;

/** Number of meshes, x positions, y positions and sentence templates that the integer factors select from. */
export const SHAPE_COUNT = 7;
export const POSITION_COUNT = 3;
export const PHRASING_COUNT = 5;

/** File names inside a dataset folder. */
export const IMAGE_LATENTS_FILE = 'latents_image.csv';
export const TEXT_LATENTS_FILE = 'latents_text.csv';
export const LATENTS_META_FILE = 'latents_meta.json';
