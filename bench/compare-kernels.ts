// Side-by-side timing of two render kernels (shader folders and workgroup sizes) in one process:
// both render the same batches in alternating order, so load from other processes hits both alike.
// It also reports whether their pixels are identical. Usage: node bin/run-node.js dist/bench/compare-kernels.js --help
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { InputError } from '../src/errors.js';
import { imageRow, sampleLatentColumns } from '../src/latents/sample.js';
import { Renderer, type RenderRequest } from '../src/render/renderer.js';
import { loadSceneAssets } from '../src/render/scene-assets.js';
import { shaderFolder } from '../src/render/shader-source.js';
import { loadScene } from '../src/scene/scene-file.js';

const USAGE = `usage: node bin/run-node.js dist/bench/compare-kernels.js [options]

Times kernel A against kernel B on the same batches, alternating A-B and B-A, and prints the
wall and CPU time ratios B/A and how many pixels differ.

options:
  --a DIR, --b DIR       shader folders (default: the project's shaders/)
  --wg-a WxH, --wg-b WxH workgroup sizes (default: the renderer's choice for the adapter)
  --rounds R             A/B pairs to time after one warm-up pair (default 4)
  --batch-size B         images per batch (default 2)
  --spp S                samples per pixel (default from the scene file)
  --scene FILE           scene file (default scenes/multimodal3dident.json)
  --adapter NAME         adapter name or vendor substring`;

const FLAGS = {
  a: { type: 'string' },
  b: { type: 'string' },
  'wg-a': { type: 'string' },
  'wg-b': { type: 'string' },
  rounds: { type: 'string' },
  'batch-size': { type: 'string' },
  spp: { type: 'string' },
  scene: { type: 'string' },
  adapter: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseWorkgroup(flag: string, text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new InputError(`invalid ${flag} ${JSON.stringify(text)}; give WxH, e.g. 16x4`);
  return [Number(match[1]), Number(match[2])];
}

const { values } = parseFlags(process.argv.slice(2), FLAGS, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = values.rounds === undefined ? 4 : parseIntegerFlag('--rounds', values.rounds, 1, 1000);
const batchSize = values['batch-size'] === undefined ? 2 : parseIntegerFlag('--batch-size', values['batch-size'], 1, 1024);
const spp = values.spp === undefined ? undefined : parseIntegerFlag('--spp', values.spp, 1, 1 << 16);
const scene = loadScene(values.scene);
const assets = loadSceneAssets(scene);
const common = { scene, assets, samplesPerPixel: spp, adapter: values.adapter, maxBatchImages: batchSize };
const kernels = [
  { label: 'A', folder: values.a ?? shaderFolder(), workgroup: parseWorkgroup('--wg-a', values['wg-a']) },
  { label: 'B', folder: values.b ?? shaderFolder(), workgroup: parseWorkgroup('--wg-b', values['wg-b']) },
];
const renderers: Renderer[] = [];
for (const kernel of kernels) renderers.push(await Renderer.create({ ...common, shaderFolder: kernel.folder, workgroupSize: kernel.workgroup }));

const columns = sampleLatentColumns({ nPoints: batchSize * (rounds + 1), seed: 1 });
const batchAt = (round: number): RenderRequest[] =>
  Array.from({ length: batchSize }, (_, k) => ({ index: round * batchSize + k, latents: imageRow(columns, round * batchSize + k) }));

// Wall time is what users see, but on a shared machine it swings with other processes' load;
// the process's CPU time (lavapipe's worker threads run inside it) is the steadier measure.
const seconds = [0, 0];
const cpuSeconds = [0, 0];
let differentPixels = 0;
let maxDifference = 0;
for (let round = 0; round <= rounds; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  const pixels: Uint8Array[] = [];
  for (const kernelIndex of order) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const batch = await renderers[kernelIndex].renderBatch(batchAt(round));
    const cpu = process.cpuUsage(cpuStarted);
    if (round > 0) {
      seconds[kernelIndex] += (performance.now() - started) / 1000;
      cpuSeconds[kernelIndex] += (cpu.user + cpu.system) / 1e6;
    }
    pixels[kernelIndex] = batch.rgba;
  }
  for (let i = 0; i < pixels[0].length; i += 4) {
    let pixelDifference = 0;
    for (let c = 0; c < 3; c++) pixelDifference = Math.max(pixelDifference, Math.abs(pixels[0][i + c] - pixels[1][i + c]));
    if (pixelDifference > 0) differentPixels++;
    maxDifference = Math.max(maxDifference, pixelDifference);
  }
}
for (const renderer of renderers) renderer.destroy();

const images = rounds * batchSize;
kernels.forEach((kernel, i) => {
  const workgroup = renderers[i].workgroupSize.join('x');
  console.log(`${kernel.label}: ${kernel.folder} workgroup ${workgroup}: ${(images / seconds[i]).toFixed(3)} images/s, ${(cpuSeconds[i] / images).toFixed(3)} CPU s/image`);
});
console.log(`B/A wall time ${(seconds[1] / seconds[0]).toFixed(3)}, CPU time ${(cpuSeconds[1] / cpuSeconds[0]).toFixed(3)}; speed-up of B by CPU time ${(cpuSeconds[0] / cpuSeconds[1]).toFixed(3)}x`);
console.log(`pixels that differ: ${differentPixels} of ${(images + batchSize) * scene.image.width * scene.image.height}, max difference ${maxDifference}`);
