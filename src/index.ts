// Library API of m3di: the CLI is a thin layer over these exports.
export { InputError } from './errors.js';
export { writeFileAtomic, writeFileAtomicAsync } from './io/atomic.js';
export type { Shading, TriangleMesh } from './scene/mesh.js';
export { loadObj, parseObj } from './scene/obj.js';
export { computeSmoothNormals } from './scene/normals.js';
export { MT19937, MAX_SEED } from './latents/mt19937.js';
export { hsvToRgb, type Rgb } from './latents/hsv.js';
export { COLOR_NAMES, colorIndex, hueToColorName, nearestColorName } from './latents/color-names.js';
export { PALETTES, hexToRgb, type Palette } from './latents/palettes.js';
export { formatPythonFloat, formatCsvFloat, formatCsvString } from './latents/csv-format.js';
export { sampleLatents, sampleLatentColumns, LatentSample, type LatentColumns, type SampleOptions } from './latents/sample.js';
export { formatImageCsv, formatTextCsv, writeLatents, writeLatentsMeta, type LatentsMeta } from './latents/write.js';
export { parseImageLatents, parseTextLatents, readImageLatents, readTextLatents } from './latents/read.js';
export * from './latents/types.js';
export { renderSentence, SHAPE_NAMES, XPOS_NAMES, YPOS_NAMES } from './text/phrasings.js';
export { renderText, writeText, TEXT_FOLDER, TEXT_FILE } from './text/render.js';
export * from './reader/index.js';
export { writePreview, type PreviewOptions, type PreviewResult } from './preview/preview.js';
