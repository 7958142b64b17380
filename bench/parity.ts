// Image parity with Cycles: renders the rows of a reference folder (latents_image.csv and the
// Cycles renders in images/) with m3di and prints per-image PSNR and SSIM, then a summary line.
// Usage: npm run bench:parity -- [--reference DIR] [--meshes DIR] [--out DIR] [--spp N]
//        [--sample-seed S] [--rows LIST] [--noise-floor] [--sheet-columns N] [--scene FILE] [--adapter NAME]
import fs from 'node:fs';
import path from 'node:path';
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { imageFileName } from '../src/dataset/image-names.js';
import { readDatasetLatents } from '../src/dataset/render-images.js';
import { InputError } from '../src/errors.js';
import { encodeRgbPng, readPng } from '../src/io/png.js';
import type { ImageLatents } from '../src/latents/types.js';
import { psnrRgb, type Image8 } from '../src/metrics/psnr.js';
import { ssimRgb } from '../src/metrics/ssim.js';
import { loadSceneAssets } from '../src/render/scene-assets.js';
import { Renderer, type RenderRequest } from '../src/render/renderer.js';
import type { Shading } from '../src/scene/mesh.js';
import { loadScene, type SceneDescription } from '../src/scene/scene-file.js';
import { writeParitySheet } from './parity-sheet.js';

const USAGE = `usage: npm run bench:parity -- [options]
  --reference DIR     folder with latents_image.csv and the Cycles renders in images/ (default ../shared/reference/cycles/set_a)
  --meshes DIR        folder with the original teapot.obj and cow.obj (default ../shared/reference/cycles/meshes)
  --out DIR           where the m3di renders and sheet.png go (default out/parity)
  --spp N             samples per pixel (default from the scene file)
  --sample-seed S     seed of the per-pixel random numbers (default 0)
  --rows LIST         rows to compare, e.g. 0-3,12,17 (default all)
  --noise-floor       also render with seed S+1 and report PSNR between the two m3di renders
  --sheet-columns N   image triplets per row of the sheet (default 4)
  --scene FILE        scene file (default scenes/multimodal3dident.json)
  --adapter NAME      GPU adapter whose name contains NAME`;

/**
 * The original meshes as exported from the original Blender files with the 1.5 placement scale
 * applied, the shape id each replaces, its shading and its ground depth D (the largest
 * bounding-box side that the original script measured after placement).
 */
const ORIGINAL_MESHES: { file: string; shape: number; shading: Shading; groundDepth: number }[] = [
  { file: 'teapot.obj', shape: 0, shading: 'smooth', groundDepth: 4.4421 },
  { file: 'cow.obj', shape: 3, shading: 'flat', groundDepth: 4.0452 },
];

/** |m3di − Cycles| is multiplied by this in the sheet's third column. */
const DIFFERENCE_GAIN = 8;

interface ParityOptions {
  reference: string;
  meshes: string;
  out: string;
  samplesPerPixel?: number;
  sampleSeed: number;
  rows?: number[];
  noiseFloor: boolean;
  sheetColumns: number;
  scene?: string;
  adapter?: string;
}

/** Parses a row list such as "0-3,12,17" into sorted unique indices. */
function parseRowList(text: string): number[] {
  const rows = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw new InputError(`invalid --rows ${JSON.stringify(text)}: write row indices and ranges, e.g. 0-3,12,17`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new InputError(`invalid --rows range ${part.trim()}: the end is below the start`);
    for (let row = first; row <= last; row++) rows.add(row);
  }
  return [...rows].sort((a, b) => a - b);
}

function parseOptions(argv: string[]): ParityOptions {
  const { values } = parseFlags(
    argv,
    {
      reference: { type: 'string' },
      meshes: { type: 'string' },
      out: { type: 'string' },
      spp: { type: 'string' },
      'sample-seed': { type: 'string' },
      rows: { type: 'string' },
      'noise-floor': { type: 'boolean' },
      'sheet-columns': { type: 'string' },
      scene: { type: 'string' },
      adapter: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    reference: path.resolve(values.reference ?? '../shared/reference/cycles/set_a'),
    meshes: path.resolve(values.meshes ?? '../shared/reference/cycles/meshes'),
    out: path.resolve(values.out ?? 'out/parity'),
    samplesPerPixel: values.spp === undefined ? undefined : parseIntegerFlag('--spp', values.spp, 1, 1 << 16),
    sampleSeed: values['sample-seed'] === undefined ? 0 : parseIntegerFlag('--sample-seed', values['sample-seed'], 0, 0xfffffffe),
    rows: values.rows === undefined ? undefined : parseRowList(values.rows),
    noiseFloor: values['noise-floor'] ?? false,
    sheetColumns: values['sheet-columns'] === undefined ? 4 : parseIntegerFlag('--sheet-columns', values['sheet-columns'], 1, 64),
    scene: values.scene,
    adapter: values.adapter,
  };
}

/** Loads the scene and points the shapes that have an original mesh in `meshFolder` at it. */
function sceneWithOriginalMeshes(sceneFile: string | undefined, meshFolder: string): { scene: SceneDescription; replaced: string[] } {
  const scene = loadScene(sceneFile);
  const replaced: string[] = [];
  for (const original of ORIGINAL_MESHES) {
    const file = path.join(meshFolder, original.file);
    if (!fs.existsSync(file)) continue;
    const shape = scene.shapes[original.shape];
    if (!shape) continue;
    scene.shapes[original.shape] = { ...shape, mesh: file, scale: 1, shading: original.shading, groundDepth: original.groundDepth };
    replaced.push(`${shape.name} = ${file}`);
  }
  return { scene, replaced };
}

/**
 * Points every shape that no compared row uses at the mesh of one that is used, so the renderer
 * loads only the meshes it renders (the shape table must stay complete because it is indexed by id).
 */
function reuseMeshForUnusedShapes(scene: SceneDescription, used: Set<number>): void {
  const donor = scene.shapes.find((shape) => used.has(shape.id));
  if (!donor) return;
  scene.shapes = scene.shapes.map((shape) => (used.has(shape.id) ? shape : { ...donor, id: shape.id, name: shape.name }));
}

/** Reads one Cycles render; throws an InputError naming the file when it is absent or of the wrong size. */
function readReference(file: string, width: number, height: number): Image8 {
  if (!fs.existsSync(file)) throw new InputError(`reference image ${file} not found; the reference folder needs images/ with one PNG per row of latents_image.csv.`);
  const png = readPng(file);
  if (png.width !== width || png.height !== height) {
    throw new InputError(`reference image ${file} is ${png.width}×${png.height}; the scene renders ${width}×${height}.`);
  }
  return { width, height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
}

/** Renders `rows` (dataset indices into `latents`) with one renderer and returns one RGBA image per row, and the render time. */
async function renderRows(
  scene: SceneDescription,
  assets: ReturnType<typeof loadSceneAssets>,
  latents: ImageLatents[],
  rows: number[],
  options: ParityOptions,
  sampleSeed: number,
): Promise<{ images: Image8[]; seconds: number; adapter: string; samplesPerPixel: number }> {
  const renderer = await Renderer.create({ scene, assets, samplesPerPixel: options.samplesPerPixel, sampleSeed, adapter: options.adapter });
  const { width, height } = scene.image;
  const imageBytes = width * height * 4;
  const images: Image8[] = [];
  const started = performance.now();
  try {
    for (let offset = 0; offset < rows.length; offset += renderer.maxBatchImages) {
      const requests: RenderRequest[] = rows.slice(offset, offset + renderer.maxBatchImages).map((index) => ({ index, latents: latents[index] }));
      const batch = await renderer.renderBatch(requests);
      for (let k = 0; k < requests.length; k++) {
        images.push({ width, height, channels: 4, data: batch.rgba.slice(k * imageBytes, (k + 1) * imageBytes) });
      }
    }
  } finally {
    renderer.destroy();
  }
  return { images, seconds: (performance.now() - started) / 1000, adapter: renderer.adapter.name, samplesPerPixel: renderer.settings.samplesPerPixel };
}

function summarise(values: number[]): { mean: number; min: number } {
  return { mean: values.reduce((sum, v) => sum + v, 0) / values.length, min: Math.min(...values) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const latentsFile = path.join(options.reference, 'latents_image.csv');
  if (!fs.existsSync(latentsFile)) {
    throw new InputError(`${latentsFile} not found. Give --reference DIR, a folder with latents_image.csv and the Cycles renders in DIR/images/.`);
  }
  if (!fs.existsSync(options.meshes)) {
    console.error(`warning: mesh folder ${options.meshes} not found; every shape uses the scene file's mesh, so shapes will not match the reference. Give --meshes DIR.`);
  }

  const { scene, replaced } = sceneWithOriginalMeshes(options.scene, options.meshes);
  const latents = readDatasetLatents(options.reference, scene);
  const rows = options.rows ?? latents.map((_, i) => i);
  const outOfRange = rows.find((row) => row >= latents.length);
  if (outOfRange !== undefined) throw new InputError(`--rows names row ${outOfRange}, but ${latentsFile} has ${latents.length} rows (0 to ${latents.length - 1}).`);
  reuseMeshForUnusedShapes(scene, new Set(rows.map((row) => latents[row].objectShape)));
  const { width, height } = scene.image;
  const references = rows.map((row) => readReference(path.join(options.reference, 'images', imageFileName(row, latents.length)), width, height));

  const assets = loadSceneAssets(scene);
  const rendered = await renderRows(scene, assets, latents, rows, options, options.sampleSeed);
  console.log(`reference ${options.reference}: ${rows.length} images, ${rendered.samplesPerPixel} spp, sample seed ${options.sampleSeed}, adapter ${rendered.adapter}`);
  console.log(`meshes: ${replaced.length > 0 ? replaced.join(', ') : 'scene file only'}`);
  console.log(`render: ${rendered.seconds.toFixed(1)} s, ${(rows.length / rendered.seconds).toFixed(3)} images/s`);

  const second = options.noiseFloor ? await renderRows(scene, assets, latents, rows, options, options.sampleSeed + 1) : undefined;

  // Per-image table.
  fs.mkdirSync(path.join(options.out, 'm3di'), { recursive: true });
  console.log(['index', 'shape', 'psnr_db', 'ssim', ...(second ? ['floor_db'] : [])].join('\t'));
  const psnrs: number[] = [];
  const ssims: number[] = [];
  const floors: number[] = [];
  rows.forEach((row, k) => {
    const ours = rendered.images[k];
    const psnr = psnrRgb(ours, references[k]);
    const ssim = ssimRgb(ours, references[k]);
    psnrs.push(psnr);
    ssims.push(ssim);
    const cells = [imageFileName(row, latents.length).replace('.png', ''), scene.shapes[latents[row].objectShape].name, psnr.toFixed(2), ssim.toFixed(4)];
    if (second) {
      floors.push(psnrRgb(ours, second.images[k]));
      cells.push(floors[k].toFixed(2));
    }
    console.log(cells.join('\t'));
    fs.writeFileSync(path.join(options.out, 'm3di', imageFileName(row, latents.length)), encodeRgbPng(ours.data, width, height));
  });

  const sheetFile = path.join(options.out, 'sheet.png');
  writeParitySheet(sheetFile, rendered.images, references, DIFFERENCE_GAIN, options.sheetColumns);
  console.log(`sheet: ${sheetFile} (m3di | Cycles | |difference| × ${DIFFERENCE_GAIN})`);

  if (second) {
    const floor = summarise(floors);
    console.log(`noise_floor: mean_psnr=${floor.mean.toFixed(2)} min_psnr=${floor.min.toFixed(2)} images=${floors.length} seeds=${options.sampleSeed},${options.sampleSeed + 1}`);
  }
  const psnr = summarise(psnrs);
  console.log(`parity: mean_psnr=${psnr.mean.toFixed(2)} min_psnr=${psnr.min.toFixed(2)} mean_ssim=${summarise(ssims).mean.toFixed(4)} images=${rows.length}`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`bench:parity: ${error.message}`);
  process.exitCode = 1;
}
