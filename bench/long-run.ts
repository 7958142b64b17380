// Long run: renders a whole dataset folder through the m3di CLI in a child process and records its
// resident memory (RSS) from start to end, to check whether a long run leaks memory or slows down.
// Usage: npm run bench:long-run -- --n-points 10000 --spp 1   (--help for the options)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseFlags, parseIntegerFlag } from '../src/cli/args.js';
import { InputError } from '../src/errors.js';

const USAGE = `usage: npm run bench:long-run -- [--n-points N] [--spp S] [--batch-size B] [--scene FILE] [--folder DIR] [--json]

Writes latents and text for N samples (seed 0), then runs \`m3di images\` on them in a child process
and reads its resident set size (VmRSS) and peak (VmHWM) from /proc every second, so it runs on
Linux only. Prints the RSS before the renderer starts, after the first batch and at the end, its
growth per 1000 images after the first tenth of the run, the rate per tenth of the run, and the
output of \`m3di verify\` on the finished folder.

options:
  --n-points N    samples to render (default 10000)
  --spp S         samples per pixel (default 1, so that 10,000 images fit in half an hour on a CPU)
  --batch-size B  images per dispatch (default 64)
  --scene FILE    scene file (default: the shipped scene)
  --folder DIR    dataset folder to write; default a new temporary folder, removed at the end
  --json          print the figures as one JSON object
  -h, --help      print this help`;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const m3di = path.join(repoRoot, 'bin', 'm3di.js');
const MB = 1024 * 1024;

/** One reading of the child's memory: when, after how many images, and RSS and peak RSS in bytes. */
interface MemorySample {
  seconds: number;
  rendered: number;
  rss: number;
  peak: number;
}

/** Figures of one long run. */
export interface LongRunResult {
  images: number;
  samplesPerPixel: number;
  batchSize: number;
  adapter: string;
  cpus: number;
  seconds: number;
  imagesPerSecond: number;
  /** Images per second in each tenth of the run, from the progress records. */
  ratePerTenth: number[];
  rssBeforeRendererMb: number;
  rssAfterFirstBatchMb: number;
  rssEndMb: number;
  /** RSS when each tenth of the images had been rendered. */
  rssPerTenthMb: number[];
  peakRssMb: number;
  /** Least-squares slope of RSS over images rendered, after the first tenth of the run. */
  rssGrowthMbPer1000Images: number;
  exitStatus: number | null;
  verifyStatus: number | null;
  verifySummary: string;
  verifySeconds: number;
}

/** Reads VmRSS and VmHWM of process `pid` from /proc, in bytes; undefined once it has exited. */
function readMemory(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const rss = field('VmRSS');
    return Number.isFinite(rss) ? { rss, peak: field('VmHWM') } : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? NaN : numerator / denominator;
}

/** Runs `node bin/m3di.js args` and waits; returns its status and stdout. */
function runM3di(args: string[], stdio: 'inherit' | 'pipe' = 'pipe'): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [m3di, ...args], { stdio: ['ignore', stdio, 'inherit'] });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

/** Renders the images of `folder` in a child process, sampling its memory every second and at each progress record. */
async function renderWithSamples(folder: string, args: string[]): Promise<{ status: number | null; samples: MemorySample[]; progress: { seconds: number; rendered: number }[]; stdout: string }> {
  const child = spawn(process.execPath, [m3di, 'images', '--output-folder', folder, '--progress', 'json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  const samples: MemorySample[] = [];
  const progress: { seconds: number; rendered: number }[] = [];
  let rendered = 0;
  let stdout = '';

  const sample = () => {
    const memory = readMemory(child.pid!);
    if (memory) samples.push({ seconds: (performance.now() - started) / 1000, rendered, ...memory });
  };
  const timer = setInterval(sample, 1000);
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line.startsWith('{')) {
      process.stderr.write(`${line}\n`);
      return;
    }
    const record = JSON.parse(line) as { rendered: number };
    rendered = record.rendered;
    progress.push({ seconds: (performance.now() - started) / 1000, rendered });
    sample();
  });

  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  return { status, samples, progress, stdout };
}

/** Images per second in each tenth of the run, from (seconds, rendered) progress records. */
function ratePerTenth(progress: { seconds: number; rendered: number }[], total: number): number[] {
  const rates: number[] = [];
  let previous = progress.find((record) => record.rendered > 0) ?? { seconds: 0, rendered: 0 };
  for (let tenth = 1; tenth <= 10; tenth++) {
    const record = progress.find((entry) => entry.rendered >= (total * tenth) / 10);
    if (!record || record.rendered <= previous.rendered) continue;
    rates.push(Number(((record.rendered - previous.rendered) / (record.seconds - previous.seconds)).toFixed(2)));
    previous = record;
  }
  return rates;
}

async function main(): Promise<number> {
  const { values, positionals } = parseFlags(
    process.argv.slice(2),
    {
      'n-points': { type: 'string' },
      spp: { type: 'string' },
      'batch-size': { type: 'string' },
      scene: { type: 'string' },
      folder: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  if (process.platform !== 'linux') throw new InputError('the long-run bench reads memory figures from /proc and runs on Linux only');
  const images = values['n-points'] === undefined ? 10_000 : parseIntegerFlag('--n-points', values['n-points'], 1, 10_000_000);
  const spp = values.spp === undefined ? 1 : parseIntegerFlag('--spp', values.spp, 1, 1 << 16);
  const batchSize = values['batch-size'] === undefined ? 64 : parseIntegerFlag('--batch-size', values['batch-size'], 1, 65535);
  const temporary = values.folder === undefined;
  const folder = values.folder ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-long-run-')), 'dataset');

  for (const args of [
    ['latents', '--output-folder', folder, '--n-points', String(images), '--seed', '0'],
    ['text', '--output-folder', folder],
  ]) {
    const result = await runM3di(args);
    if (result.status !== 0) throw new Error(`m3di ${args.join(' ')} failed with status ${result.status}`);
  }

  const renderArgs = ['--spp', String(spp), '--batch-size', String(batchSize), ...(values.scene ? ['--scene', values.scene] : [])];
  const run = await renderWithSamples(folder, renderArgs);
  const verifyStarted = performance.now();
  const verify = await runM3di(['verify', folder]);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  const verifySummary = verify.stdout.trim().split('\n').slice(-1)[0] ?? '';
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifests', 'shard-0-of-1.json'), 'utf8')) as { adapter?: { name: string }; seconds?: number };
  if (temporary) fs.rmSync(path.dirname(folder), { recursive: true, force: true });

  const { samples, progress } = run;
  const firstBatch = samples.find((entry) => entry.rendered > 0);
  const last = samples[samples.length - 1];
  const steady = samples.filter((entry) => entry.rendered >= images / 10).map((entry): [number, number] => [entry.rendered, entry.rss]);
  const seconds = manifest.seconds ?? progress[progress.length - 1]?.seconds ?? NaN;
  const toMb = (bytes: number | undefined) => (bytes === undefined ? NaN : Math.round(bytes / MB));
  const result: LongRunResult = {
    images,
    samplesPerPixel: spp,
    batchSize,
    adapter: manifest.adapter?.name ?? '',
    cpus: os.availableParallelism(),
    seconds: Number(seconds.toFixed(1)),
    imagesPerSecond: Number((images / seconds).toFixed(2)),
    ratePerTenth: ratePerTenth(progress, images),
    rssBeforeRendererMb: toMb(samples[0]?.rss),
    rssAfterFirstBatchMb: toMb(firstBatch?.rss),
    rssEndMb: toMb(last?.rss),
    rssPerTenthMb: Array.from({ length: 10 }, (_, tenth) => toMb(samples.find((entry) => entry.rendered >= (images * (tenth + 1)) / 10)?.rss)),
    peakRssMb: toMb(Math.max(...samples.map((entry) => entry.peak))),
    rssGrowthMbPer1000Images: Number(((slope(steady) * 1000) / MB).toFixed(2)),
    exitStatus: run.status,
    verifyStatus: verify.status,
    verifySummary,
    verifySeconds: Number(verifySeconds.toFixed(1)),
  };

  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(run.stdout.trim());
    console.log(`${result.images} images at ${spp} spp, batch ${batchSize}, on ${result.adapter} (${result.cpus} CPUs): ${result.seconds} s, ${result.imagesPerSecond} images/s`);
    console.log(`images/s per tenth of the run: ${result.ratePerTenth.join(', ')}`);
    console.log(
      `RSS: ${result.rssBeforeRendererMb} MB before the renderer, ${result.rssAfterFirstBatchMb} MB after the first batch, ` +
        `${result.rssEndMb} MB at the end, peak ${result.peakRssMb} MB; growth after the first tenth ${result.rssGrowthMbPer1000Images} MB per 1000 images`,
    );
    console.log(`RSS at each tenth of the run, MB: ${result.rssPerTenthMb.join(', ')}`);
    console.log(`m3di images exit status ${result.exitStatus}; verify (${result.verifySeconds} s): ${result.verifySummary}`);
  }
  return result.exitStatus === 0 && result.verifyStatus === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`long-run: error: ${error.message}`);
  process.exitCode = 1;
}
