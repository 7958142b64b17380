// Soak check: renders batches for a fixed wall time with the host work of a dataset run in between,
// in child processes, and reports batches completed, crashes and retries.
// Usage: npm run bench:soak -- --minutes 10   (--help for the options)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { InputError } from '../src/errors.js';
import { PngWriterPool } from '../src/io/png-pool.js';
import { imageRow, sampleLatentColumns } from '../src/latents/sample.js';
import { Renderer, type RenderRequest } from '../src/render/renderer.js';
import { loadScene } from '../src/scene/scene-file.js';

const USAGE = `usage: npm run bench:soak -- [--minutes M] [--workers W] [--batch-size B] [--spp S] [--scene FILE] [--json]

Renders batches of random latents for M minutes of wall time. Each soak worker is a child process
that creates a renderer, then repeats: sample the batch's latents, render it, encode and write its
PNGs, allocate and drop about 220 MB of short-lived objects and arrays, and force a full garbage
collection. A worker that crashes, exits with an error, stops reporting for 10 minutes or runs
more than 3 minutes past the end is counted as a crash and replaced by a new one that starts again at the batch that was in flight (a retry).
Prints the figures at the end. The exit status is 1 when any worker crashed.

options:
  --minutes M     wall time in minutes, a decimal number from 0.1 to 1440 (default 10)
  --workers W     soak workers running at the same time (default 1)
  --batch-size B  images per batch (default 4)
  --spp S         samples per pixel (default 4)
  --scene FILE    scene file (default scenes/multimodal3dident.json)
  --json          print the figures as one JSON object
  -h, --help      print this help`;

const FLAGS = {
  minutes: { type: 'string' },
  workers: { type: 'string' },
  'batch-size': { type: 'string' },
  spp: { type: 'string' },
  scene: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // Internal: run as a soak worker (set by the parent process).
  worker: { type: 'boolean' },
  'first-batch': { type: 'string' },
  'batch-stride': { type: 'string' },
  'deadline-ms': { type: 'string' },
  folder: { type: 'string' },
} as const;

/** Time a worker may go without reporting a batch before it is killed and counted as a crash. */
const WORKER_SILENCE_LIMIT_MS = 10 * 60_000;
/** Time a worker may run past the deadline (to finish its batch) before it is killed and counted as a crash. */
const WORKER_OVERRUN_LIMIT_MS = 3 * 60_000;
/** Consecutive crashed workers without a completed batch after which the soak gives up. */
const MAX_CRASHES_WITHOUT_PROGRESS = 3;
/** PNG files per worker folder; names repeat after this many images, so a long soak does not fill the disk. */
const PNG_FILES_PER_WORKER = 64;
/** Short-lived objects allocated after each batch, about 150 MB of JS heap (measured on Node 20), so that major collections run. */
const GARBAGE_OBJECTS = 1_000_000;

interface SoakOptions {
  minutes: number;
  workers: number;
  batchSize: number;
  samplesPerPixel: number;
  scene?: string;
  json: boolean;
}

/** Figures of one soak run; `--json` prints exactly these fields. */
export interface SoakResult {
  minutes: number;
  workers: number;
  batchSize: number;
  samplesPerPixel: number;
  batches: number;
  images: number;
  imagesPerSecond: number;
  /** Soak worker processes started, including the replacements of crashed ones. */
  workerStarts: number;
  /** Worker processes that died by a signal, exited with an error, stopped reporting or overran the end. */
  crashes: number;
  /** Batches that were in flight when their worker crashed and were rendered again by its replacement. */
  retries: number;
  /** One line per crash: the signal or exit status and the end of the worker's stderr. */
  crashReports: string[];
  adapter: string;
  seconds: number;
}

/** Lines a worker writes to stdout, one JSON object each. */
type WorkerEvent =
  | { event: 'ready'; adapter: string }
  | { event: 'batch'; batch: number; images: number };

function parseMinutes(text: string | undefined): number {
  if (text === undefined) return 10;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(value >= 0.1 && value <= 1440)) {
    throw new InputError(`invalid --minutes ${JSON.stringify(text)}; give a decimal number from 0.1 to 1440`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Soak worker (child process)

/** Sends one event line to the parent process. */
function report(event: WorkerEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Allocates and drops many small objects and a few large arrays, as building latents, sentences and manifests does. */
function churnHeap(seed: number): number {
  const objects: { index: number; label: string; values: number[] }[] = [];
  for (let i = 0; i < GARBAGE_OBJECTS; i++) objects.push({ index: i, label: `row ${seed + i}`, values: [i, i * 0.5] });
  const arrays = Array.from({ length: 8 }, (_, i) => new Float64Array(1 << 20).fill(seed + i));
  return objects.length + arrays.length;
}

/**
 * Renders batches `firstBatch`, `firstBatch + stride`, ... until the deadline, reporting each one after
 * its PNGs are written. Any error propagates, so the process exits with a failure that the parent counts.
 */
async function runWorker(options: SoakOptions, firstBatch: number, stride: number, deadline: number, folder: string): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('soak worker started without --expose-gc');

  const scene = loadScene(options.scene);
  const renderer = await Renderer.create({ scene, samplesPerPixel: options.samplesPerPixel, maxBatchImages: options.batchSize });
  report({ event: 'ready', adapter: renderer.adapter.name });

  const pool = new PngWriterPool(1);
  const { width, height } = scene.image;
  const imageBytes = width * height * 4;
  try {
    for (let batch = firstBatch; Date.now() < deadline; batch += stride) {
      // Latents: a fresh sample per batch, seeded by the batch number.
      const columns = sampleLatentColumns({ nPoints: options.batchSize, seed: batch });
      const requests: RenderRequest[] = [];
      for (let k = 0; k < options.batchSize; k++) requests.push({ index: batch * options.batchSize + k, latents: imageRow(columns, k) });

      const rendered = await renderer.renderBatch(requests);

      const writes: Promise<unknown>[] = [];
      for (let k = 0; k < rendered.imageCount; k++) {
        const file = path.join(folder, `${requests[k].index % PNG_FILES_PER_WORKER}.png`);
        writes.push(pool.write(file, rendered.rgba.subarray(k * imageBytes, (k + 1) * imageBytes), width, height));
      }
      await Promise.all(writes);

      churnHeap(batch);
      collect();
      report({ event: 'batch', batch, images: rendered.imageCount });
    }
  } finally {
    await pool.close();
    renderer.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Soak driver (parent process)

interface WorkerOutcome {
  /** Batches this worker completed, in order. */
  completed: number[];
  adapter?: string;
  crashed: boolean;
  crashReport: string;
}

/** Starts one soak worker at `firstBatch` and resolves when it exits. */
function runWorkerProcess(options: SoakOptions, firstBatch: number, deadline: number, folder: string, onBatch: (images: number) => void): Promise<WorkerOutcome> {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--worker', '--first-batch', String(firstBatch), '--batch-stride', String(options.workers)];
  args.push('--deadline-ms', String(deadline), '--folder', folder);
  args.push('--batch-size', String(options.batchSize), '--spp', String(options.samplesPerPixel));
  if (options.scene) args.push('--scene', options.scene);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  const outcome: WorkerOutcome = { completed: [], crashed: false, crashReport: '' };
  let stderr = '';
  let silenceTimer: NodeJS.Timeout | undefined;
  let killReason: string | undefined;
  const killWorker = (reason: string) => {
    killReason = reason;
    child.kill('SIGKILL');
  };
  const resetSilenceTimer = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => killWorker(`no report for ${WORKER_SILENCE_LIMIT_MS / 60_000} minutes, killed`), WORKER_SILENCE_LIMIT_MS);
  };
  resetSilenceTimer();
  const overrunTimer = setTimeout(
    () => killWorker(`still running ${WORKER_OVERRUN_LIMIT_MS / 60_000} minutes after the end of the soak, killed`),
    Math.max(0, deadline + WORKER_OVERRUN_LIMIT_MS - Date.now()),
  );

  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let event: WorkerEvent;
    try {
      event = JSON.parse(line) as WorkerEvent;
    } catch {
      return; // Not an event line: a library printed to stdout.
    }
    resetSilenceTimer();
    if (event.event === 'ready') outcome.adapter = event.adapter;
    if (event.event === 'batch') {
      outcome.completed.push(event.batch);
      onBatch(event.images);
    }
  });

  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(silenceTimer);
      clearTimeout(overrunTimer);
      if (status !== 0 || signal !== null) {
        outcome.crashed = true;
        let cause = signal ? `signal ${signal}` : `exit status ${status}`;
        if (killReason) cause = killReason;
        const lastLines = stderr.trim().split('\n').slice(-3).join(' | ');
        outcome.crashReport = `worker starting at batch ${firstBatch}: ${cause}${lastLines ? `; stderr: ${lastLines}` : ''}`;
      }
      resolve(outcome);
    });
  });
}

/** Runs one soak slot until the deadline: a worker, then a replacement after each crash. */
async function runSlot(slot: number, options: SoakOptions, deadline: number, folder: string, result: SoakResult): Promise<void> {
  // Slot s renders batches s, s + W, s + 2W, ... for W workers, so that slots never share a batch.
  let nextBatch = 0;
  let crashesWithoutProgress = 0;
  const slotFolder = path.join(folder, `worker-${slot}`);
  fs.mkdirSync(slotFolder, { recursive: true });

  while (Date.now() < deadline) {
    result.workerStarts++;
    const outcome = await runWorkerProcess(options, nextBatch * options.workers + slot, deadline, slotFolder, (images) => {
      result.batches++;
      result.images += images;
    });
    if (outcome.adapter) result.adapter = outcome.adapter;
    nextBatch += outcome.completed.length;
    if (!outcome.crashed) return;

    result.crashes++;
    result.crashReports.push(outcome.crashReport);
    console.error(`soak: ${outcome.crashReport}`);
    crashesWithoutProgress = outcome.completed.length > 0 ? 1 : crashesWithoutProgress + 1;
    if (crashesWithoutProgress >= MAX_CRASHES_WITHOUT_PROGRESS) {
      throw new Error(`soak worker ${slot} crashed ${crashesWithoutProgress} times in a row without completing a batch; last: ${outcome.crashReport}`);
    }
    // The batch in flight is rendered again by the replacement, unless the time is up.
    if (Date.now() < deadline) result.retries++;
  }
}

/** Runs the soak and returns its figures. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-soak-'));
  const result: SoakResult = {
    minutes: options.minutes,
    workers: options.workers,
    batchSize: options.batchSize,
    samplesPerPixel: options.samplesPerPixel,
    batches: 0,
    images: 0,
    imagesPerSecond: 0,
    workerStarts: 0,
    crashes: 0,
    retries: 0,
    crashReports: [],
    adapter: 'unknown',
    seconds: 0,
  };
  try {
    const slots = Array.from({ length: options.workers }, (_, slot) => runSlot(slot, options, deadline, folder, result));
    await Promise.all(slots);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  result.imagesPerSecond = Math.round((result.images / result.seconds) * 1000) / 1000;
  return result;
}

function parseOptions(values: ReturnType<typeof parseFlags<typeof FLAGS>>['values']): SoakOptions {
  const integer = (flag: 'workers' | 'batch-size' | 'spp', fallback: number, min: number, max: number): number =>
    values[flag] === undefined ? fallback : parseIntegerFlag(`--${flag}`, values[flag], min, max);
  return {
    minutes: parseMinutes(values.minutes),
    workers: integer('workers', 1, 1, 64),
    batchSize: integer('batch-size', 4, 1, 4096),
    samplesPerPixel: integer('spp', 4, 1, 1 << 16),
    scene: values.scene,
    json: values.json ?? false,
  };
}

function formatResult(result: SoakResult): string {
  const lines = [
    `soak: ${result.seconds} s, ${result.workers} worker(s), batches of ${result.batchSize} at ${result.samplesPerPixel} spp on ${result.adapter}`,
    `batches completed: ${result.batches} (${result.images} images, ${result.imagesPerSecond} images/s)`,
    `crashes: ${result.crashes}, retries: ${result.retries}, worker starts: ${result.workerStarts}`,
    ...result.crashReports.map((line) => `  ${line}`),
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  const options = parseOptions(values);

  if (values.worker) {
    const firstBatch = parseIntegerFlag('--first-batch', values['first-batch'], 0, Number.MAX_SAFE_INTEGER);
    const stride = parseIntegerFlag('--batch-stride', values['batch-stride'], 1, 64);
    const deadline = parseIntegerFlag('--deadline-ms', values['deadline-ms'], 0, Number.MAX_SAFE_INTEGER);
    if (!values.folder) throw new InputError('missing --folder for the soak worker');
    await runWorker(options, firstBatch, stride, deadline, values.folder);
    return 0;
  }

  const result = await runSoak(options);
  console.log(options.json ? JSON.stringify(result) : formatResult(result));
  return result.crashes > 0 ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
