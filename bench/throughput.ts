// End-to-end render throughput: latents, BVH upload, dispatch, readback, PNG encoding and file
// writes, timed after a warm-up batch. Usage: npm run bench -- --help
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { InputError } from '../src/errors.js';
import { imageFileName } from '../src/dataset/image-names.js';
import { PngWriterPool, type PngWriteTiming } from '../src/io/png-pool.js';
import { imageRow, sampleLatentColumns } from '../src/latents/sample.js';
import { SHAPE_COUNT } from '../src/latents/types.js';
import { Renderer, type RenderedBatch, type RenderRequest } from '../src/render/renderer.js';
import { loadSceneAssets } from '../src/render/scene-assets.js';
import { loadScene } from '../src/scene/scene-file.js';

const USAGE = `usage: npm run bench -- [--n N] [--spp S] [--adapter NAME] [--batch-size B] [--pipeline-depth D] [--scene FILE] [--json] [--rss-every K]

Renders N images of random latents end to end into a temporary folder after one warm-up batch, and
prints images/s, rays/s, GPU and host time per batch, PNG encoding time and memory.

options:
  --n N            images to time (default 32)
  --spp S          samples per pixel (default from the scene file)
  --bounces B      indirect bounces (default from the scene file)
  --adapter NAME   use the first adapter whose name or vendor contains NAME
  --batch-size B   images per dispatch (default sized by the renderer for the device)
  --pipeline-depth D  batches queued on the device at once, 1 or 2 (default 1): with 2 the next
                   dispatch is submitted before the previous batch's pixels are read
  --scene FILE     scene file (default scenes/multimodal3dident.json)
  --latent-seed S  MT19937 seed of the latents (default 0)
  --rss-every K    print the resident set size, V8 heap and external memory (MB) every K images
  --keep DIR       write the PNGs to DIR and keep them instead of a temporary folder
  --json           print one JSON object with all figures as the last line
  -h, --help       print this help`;

const FLAGS = {
  n: { type: 'string' },
  spp: { type: 'string' },
  bounces: { type: 'string' },
  adapter: { type: 'string' },
  'batch-size': { type: 'string' },
  'pipeline-depth': { type: 'string' },
  scene: { type: 'string' },
  'latent-seed': { type: 'string' },
  'rss-every': { type: 'string' },
  keep: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Figures of one benchmark run; the `--json` line carries exactly these fields. */
export interface ThroughputResult {
  images: number;
  batches: number;
  batchSize: number;
  pipelineDepth: number;
  samplesPerPixel: number;
  bounces: number;
  width: number;
  height: number;
  scene: string;
  seconds: number;
  imagesPerSecond: number;
  /** Process CPU time (all threads: the driver's, the PNG workers' and the main thread) per timed image. */
  cpuSecondsPerImage: number;
  rays: number;
  raysPerSecond: number;
  /** Mean per batch: device time (from the later of submit and the previous batch's completion to mapped readback). */
  gpuMillisecondsPerBatch: number;
  /** Mean per batch: main-thread time spent outside waiting for the device (uploads, copies, handing PNG jobs out). */
  hostMillisecondsPerBatch: number;
  /** Mean per batch: main-thread time spent waiting for PNG writes of the previous batch. */
  pngWaitMillisecondsPerBatch: number;
  pngEncodeMillisecondsPerImage: number;
  pngWriteMillisecondsPerImage: number;
  pngWorkers: number;
  startupSeconds: number;
  warmupSeconds: number;
  /** Resident set size at process start, after the warm-up batch (scene, device and kernel loaded) and at the end. */
  rssStartMegabytes: number;
  rssAfterWarmupMegabytes: number;
  rssEndMegabytes: number;
  peakRssMegabytes: number;
  adapter: { name: string; vendor: string; architecture: string; backend: string };
  workgroupSize: [number, number];
  node: string;
  cpus: number;
}

const megabytes = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function parseOptions(argv: string[]) {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  const integer = (flag: keyof typeof FLAGS, min: number, max: number): number | undefined =>
    values[flag] === undefined ? undefined : parseIntegerFlag(`--${flag}`, values[flag] as string, min, max);
  return {
    help: values.help ?? false,
    n: integer('n', 1, 10_000_000) ?? 32,
    spp: integer('spp', 1, 1 << 16),
    bounces: integer('bounces', 0, 64),
    adapter: values.adapter,
    batchSize: integer('batch-size', 1, 65535),
    pipelineDepth: integer('pipeline-depth', 1, 2) ?? 1,
    scene: values.scene,
    latentSeed: integer('latent-seed', 0, 0xffffffff) ?? 0,
    rssEvery: integer('rss-every', 1, 10_000_000),
    keep: values.keep,
    json: values.json ?? false,
  };
}

/** Runs the benchmark and returns its figures; progress lines go to stderr, the summary to stdout. */
export async function runThroughput(argv: string[]): Promise<ThroughputResult | undefined> {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return undefined;
  }
  const rssStart = process.memoryUsage.rss();
  const startupStarted = performance.now();

  // Start-up: scene, meshes and BVHs (cached), device and kernel, then the latents: one warm-up
  // batch worth of rows followed by the timed rows.
  const scene = loadScene(options.scene);
  if (scene.shapes.length < SHAPE_COUNT) {
    throw new InputError(`${scene.file} lists ${scene.shapes.length} shapes; the latents use ids 0..${SHAPE_COUNT - 1}, so give a scene with all ${SHAPE_COUNT}.`);
  }
  const assets = loadSceneAssets(scene);
  const renderer = await Renderer.create({
    scene,
    assets,
    samplesPerPixel: options.spp,
    bounces: options.bounces,
    adapter: options.adapter,
    maxBatchImages: options.batchSize,
  });
  const batchSize = renderer.maxBatchImages;
  const columns = sampleLatentColumns({ nPoints: batchSize + options.n, seed: options.latentSeed });
  const startupSeconds = (performance.now() - startupStarted) / 1000;

  const folder = options.keep ? path.resolve(options.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-bench-'));
  fs.mkdirSync(folder, { recursive: true });
  const pool = new PngWriterPool();
  const { width, height } = scene.image;
  const imageBytes = width * height * 4;
  const total = batchSize + options.n;

  const requestsFor = (start: number, end: number): RenderRequest[] => {
    const requests: RenderRequest[] = [];
    for (let index = start; index < end; index++) requests.push({ index, latents: imageRow(columns, index) });
    return requests;
  };
  // PNG timings of the timed images, summed so that memory does not grow with --n.
  const png = { images: 0, encodeMilliseconds: 0, writeMilliseconds: 0 };
  const addTiming = (timing: PngWriteTiming): void => {
    png.images++;
    png.encodeMilliseconds += timing.encodeMilliseconds;
    png.writeMilliseconds += timing.writeMilliseconds;
  };
  const writeBatch = (start: number, batch: RenderedBatch): Promise<void> => {
    const jobs: Promise<void>[] = [];
    for (let k = 0; k < batch.imageCount; k++) {
      const file = path.join(folder, imageFileName(start + k, total));
      const job = pool.write(file, batch.rgba.subarray(k * imageBytes, (k + 1) * imageBytes), width, height);
      jobs.push(start >= batchSize ? job.then(addTiming) : job.then(() => undefined));
    }
    return Promise.all(jobs).then(() => undefined);
  };

  try {
    // Warm-up: the first dispatch pays for pipeline creation inside the driver and for page faults.
    const warmupStarted = performance.now();
    await writeBatch(0, await renderer.renderBatch(requestsFor(0, batchSize)));
    const warmupSeconds = (performance.now() - warmupStarted) / 1000;
    const rssAfterWarmup = process.memoryUsage.rss();

    // Timed part: the next batch is submitted as soon as one is read back (depth 1) or before
    // (depth 2), and batch k's PNGs are encoded in worker threads while batch k+1 renders.
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let rays = 0;
    let gpuMilliseconds = 0;
    let hostMilliseconds = 0;
    let pngWaitMilliseconds = 0;
    let batches = 0;
    let nextRss = options.rssEvery ?? Infinity;
    let writing: Promise<void> = Promise.resolve();
    const starts: number[] = [];
    for (let start = batchSize; start < total; start += batchSize) starts.push(start);
    const submit = (start: number) => renderer.renderBatch(requestsFor(start, Math.min(start + batchSize, total)));
    const inFlight: Promise<RenderedBatch>[] = [];
    let submitted = 0;
    for (const start of starts) {
      // Keep up to `pipelineDepth` batches queued on the device.
      while (submitted < starts.length && inFlight.length < options.pipelineDepth) inFlight.push(submit(starts[submitted++]));
      const batch = await inFlight.shift()!;
      const hostStarted = performance.now();
      while (submitted < starts.length && inFlight.length < options.pipelineDepth) inFlight.push(submit(starts[submitted++]));
      const waitStarted = performance.now();
      await writing;
      const waited = performance.now() - waitStarted;
      pngWaitMilliseconds += waited;
      writing = writeBatch(start, batch);
      writing.catch(() => undefined);
      hostMilliseconds += performance.now() - hostStarted - waited;
      rays += batch.rays;
      gpuMilliseconds += batch.gpuMilliseconds;
      batches++;
      const done = start + batch.imageCount - batchSize;
      if (done >= nextRss) {
        const memory = process.memoryUsage();
        console.error(
          `rss images=${done} rss_mb=${megabytes(memory.rss)} heap_mb=${megabytes(memory.heapTotal)} external_mb=${megabytes(memory.external)} ` +
            `seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
        );
        while (nextRss <= done) nextRss += options.rssEvery!;
      }
    }
    await writing;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);

    const result: ThroughputResult = {
      images: options.n,
      batches,
      batchSize,
      pipelineDepth: options.pipelineDepth,
      samplesPerPixel: renderer.settings.samplesPerPixel,
      bounces: renderer.settings.bounces,
      width,
      height,
      scene: scene.file,
      seconds,
      imagesPerSecond: options.n / seconds,
      cpuSecondsPerImage: (cpu.user + cpu.system) / 1e6 / options.n,
      rays,
      raysPerSecond: rays / seconds,
      gpuMillisecondsPerBatch: gpuMilliseconds / batches,
      hostMillisecondsPerBatch: hostMilliseconds / batches,
      pngWaitMillisecondsPerBatch: pngWaitMilliseconds / batches,
      pngEncodeMillisecondsPerImage: png.encodeMilliseconds / Math.max(png.images, 1),
      pngWriteMillisecondsPerImage: png.writeMilliseconds / Math.max(png.images, 1),
      pngWorkers: pool.size,
      startupSeconds,
      warmupSeconds,
      rssStartMegabytes: megabytes(rssStart),
      rssAfterWarmupMegabytes: megabytes(rssAfterWarmup),
      rssEndMegabytes: megabytes(process.memoryUsage.rss()),
      peakRssMegabytes: megabytes(process.resourceUsage().maxRSS * 1024),
      adapter: renderer.adapter,
      workgroupSize: renderer.workgroupSize,
      node: process.version,
      cpus: os.availableParallelism(),
    };
    return result;
  } finally {
    await pool.close();
    renderer.destroy();
    if (!options.keep) fs.rmSync(folder, { recursive: true, force: true });
  }
}

function printSummary(result: ThroughputResult): void {
  const a = result.adapter;
  console.log(`adapter        ${a.name} (vendor ${a.vendor}, backend ${a.backend}${a.architecture ? `, ${a.architecture}` : ''}), workgroup ${result.workgroupSize.join('x')}`);
  console.log(`scene          ${result.scene}, ${result.width}x${result.height}, ${result.samplesPerPixel} spp, ${result.bounces} bounces`);
  console.log(`images         ${result.images} in ${result.batches} batches of ${result.batchSize} (pipeline depth ${result.pipelineDepth}), ${result.seconds.toFixed(2)} s`);
  console.log(`throughput     ${result.imagesPerSecond.toFixed(3)} images/s, ${(result.raysPerSecond / 1e6).toFixed(2)} M rays/s, ${result.cpuSecondsPerImage.toFixed(3)} CPU s/image`);
  console.log(`per batch      GPU ${result.gpuMillisecondsPerBatch.toFixed(1)} ms, host ${result.hostMillisecondsPerBatch.toFixed(1)} ms, waiting for PNG writes ${result.pngWaitMillisecondsPerBatch.toFixed(1)} ms`);
  console.log(`PNG per image  encode ${result.pngEncodeMillisecondsPerImage.toFixed(1)} ms, write ${result.pngWriteMillisecondsPerImage.toFixed(1)} ms (${result.pngWorkers} workers)`);
  console.log(`start-up       ${result.startupSeconds.toFixed(2)} s, warm-up batch ${result.warmupSeconds.toFixed(2)} s`);
  console.log(
    `memory         RSS ${result.rssStartMegabytes} MB at start, ${result.rssAfterWarmupMegabytes} MB after warm-up, ${result.rssEndMegabytes} MB at end, peak ${result.peakRssMegabytes} MB`,
  );
}

const options = process.argv.slice(2);
try {
  const result = await runThroughput(options);
  if (result) {
    printSummary(result);
    if (options.includes('--json')) console.log(JSON.stringify(result));
  }
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`bench: error: ${error.message}`);
  process.exitCode = 1;
}
