// One short render of a single large mesh in a fresh process: parse the OBJ and build its BVH in
// JavaScript, then create the device, upload, compile the kernel and render. This is the sequence
// that crashed Dawn's Node bindings when the GPU object was not retained (docs/dawn-lavapipe-crash.md);
// run it in a loop to check that it no longer does.
// Usage: node bin/run-node.js dist/bench/large-mesh-run.js --mesh FILE.obj [--images N] [--spp S]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { InputError } from '../src/errors.js';
import { imageRow, sampleLatentColumns } from '../src/latents/sample.js';
import { Renderer, type RenderRequest } from '../src/render/renderer.js';
import { loadSceneAssets } from '../src/render/scene-assets.js';
import { loadScene } from '../src/scene/scene-file.js';

const USAGE = `usage: node bin/run-node.js dist/bench/large-mesh-run.js --mesh FILE [--images N] [--spp S]

Renders N images of the mesh in FILE (OBJ or .obj.gz) as the only shape of the default scene. The BVH
is built in this process (the BVH cache points at a new empty folder), so the run does the JavaScript
work of a cold start before it creates the device. Prints one JSON line.

options:
  --mesh FILE   mesh to render (required); a mesh of about 50,000 triangles matches the original crash
  --images N    images to render (default 4)
  --spp S       samples per pixel (default 16)
  -h, --help    print this help`;

const FLAGS = {
  mesh: { type: 'string' },
  images: { type: 'string' },
  spp: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  if (!values.mesh) throw new InputError(`missing --mesh FILE\n${USAGE}`);
  const images = values.images === undefined ? 4 : parseIntegerFlag('--images', values.images, 1, 4096);
  const samplesPerPixel = values.spp === undefined ? 16 : parseIntegerFlag('--spp', values.spp, 1, 1 << 16);

  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-large-mesh-'));
  process.env.M3DI_CACHE_DIR = cacheFolder;
  try {
    const scene = loadScene();
    scene.shapes = [{ ...scene.shapes[0], id: 0, name: path.basename(values.mesh), mesh: path.resolve(values.mesh) }];

    const started = performance.now();
    const assets = loadSceneAssets(scene);
    const buildSeconds = (performance.now() - started) / 1000;

    const renderer = await Renderer.create({ scene, assets, samplesPerPixel });
    const columns = sampleLatentColumns({ nPoints: images, seed: 0 });
    const requests: RenderRequest[] = [];
    for (let index = 0; index < images; index++) requests.push({ index, latents: { ...imageRow(columns, index), objectShape: 0 } });

    const renderStarted = performance.now();
    let rays = 0;
    for (let start = 0; start < images; start += renderer.maxBatchImages) {
      const batch = await renderer.renderBatch(requests.slice(start, start + renderer.maxBatchImages));
      rays += batch.rays;
    }
    const renderSeconds = (performance.now() - renderStarted) / 1000;
    renderer.destroy();

    const triangles = assets.packed.shapes[0].triangleCount;
    console.log(JSON.stringify({ mesh: values.mesh, triangles, images, samplesPerPixel, buildSeconds: +buildSeconds.toFixed(2), renderSeconds: +renderSeconds.toFixed(2), rays }));
  } finally {
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
