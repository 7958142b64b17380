// Interrupted, resumed and sharded runs must end with the same bytes as one uninterrupted run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { temporaryPathFor } from '../src/io/atomic.js';
import { findPngFileProblem } from '../src/io/png-check.js';
import { makeTempDir, repoRoot } from './helpers/dataset.js';
import { copyInputs, diffTrees, hashTree, makeLatents, NO_MESHES, runCli, startCli, waitForExit, writeTestScene } from './helpers/runs.js';

const N = 24;
const SEED = 11;
const BATCH = 3;
const work = makeTempDir('m3di-long-runs-');
const scene = writeTestScene(work);
const renderFlags = scene ? ['--scene', scene, '--batch-size', String(BATCH), '--progress', 'json'] : [];
const referenceFolder = path.join(work, 'reference');
let reference = new Map<string, string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the child reports its first written batch (a --progress json line with rendered above 0). */
function firstBatchWritten(child: ReturnType<typeof startCli>): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stderr?.on('data', (chunk) => {
      seen += chunk;
      if (/"rendered":[1-9]/.test(seen)) resolve();
    });
  });
}

/** Files below `folder` whose names mark them as temporary. */
function temporaryFiles(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'));
}

/** PNG files in `folder`/images that are not whole 224 × 224 PNGs, with the reason. */
function invalidImages(folder: string): string[] {
  const images = path.join(folder, 'images');
  return fs
    .readdirSync(images)
    .filter((name) => name.endsWith('.png'))
    .map((name) => [name, findPngFileProblem(path.join(images, name), 224, 224, true)])
    .filter(([, problem]) => problem !== undefined)
    .map(([name, problem]) => `${name}: ${problem}`);
}

/** True when some process still runs with `text` in its command line (Linux /proc). */
function processRunsWith(text: string): boolean {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) return true;
    } catch {
      // The process ended while the list was read.
    }
  }
  return false;
}

test.before(() => {
  if (!scene) return;
  const result = runCli(['generate', '--output-folder', referenceFolder, '--n-points', String(N), '--seed', String(SEED), ...renderFlags]);
  assert.is(result.status, 0, result.stderr);
  reference = hashTree(referenceFolder);
  assert.is([...reference.keys()].filter((file) => file.endsWith('.png')).length, N);
});

test('generate killed with SIGKILL resumes to identical bytes', async () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'killed');
  // One image per batch, so that even a fast adapter is still rendering when the kill comes.
  const args = ['generate', '--output-folder', folder, '--n-points', String(N), '--seed', String(SEED), ...renderFlags, '--batch-size', '1'];

  // The first kill lands at a random moment of start-up or latents writing, the others at a random
  // moment shortly after the run's first written batch.
  const outcomes: string[] = [];
  let killedMidRender = 0;
  for (let round = 0; round < 4; round++) {
    const child = startCli(args);
    const exit = waitForExit(child);
    const delay = Math.round(round === 0 ? 100 + Math.random() * 900 : Math.random() * 300);
    if (round > 0) await Promise.race([firstBatchWritten(child), exit]);
    await sleep(delay);
    child.kill('SIGKILL');
    const result = await exit;

    const imageFolder = path.join(folder, 'images');
    const images = fs.existsSync(imageFolder) ? fs.readdirSync(imageFolder).filter((name) => name.endsWith('.png')).length : 0;
    outcomes.push(`round ${round}: killed ${delay} ms ${round === 0 ? 'after start' : 'after the first batch'}: ${result.signal ?? `exit ${result.status}`}, ${images} images`);
    if (result.signal === 'SIGKILL' && images > 0 && images < N) killedMidRender++;
    if (images > 0) assert.equal(invalidImages(folder), [], outcomes.join('; '));
  }
  console.log(`  ${outcomes.join('\n  ')}`);
  assert.ok(killedMidRender >= 2, `only ${killedMidRender} runs were killed while rendering: ${outcomes.join('; ')}`);

  const final = runCli(args);
  assert.is(final.status, 0, final.stderr);
  assert.equal(diffTrees(reference, hashTree(folder)), []);
  assert.equal(temporaryFiles(folder), []);
  const verify = runCli(['verify', folder]);
  assert.is(verify.status, 0, verify.stdout);
});

test('SIGTERM stops after the batch in flight', async () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'terminated');
  copyInputs(referenceFolder, folder);

  // The signal goes to the process only, as `kill PID` or a scheduler sends it.
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'm3di.js'), 'images', '--output-folder', folder, ...renderFlags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = waitForExit(child);
  await firstBatchWritten(child);
  child.kill('SIGTERM');
  const result = await exit;

  assert.is(result.status, 143, result.stderr);
  assert.match(result.stderr, 'SIGTERM received: finishing the batch in flight');
  assert.match(result.stderr, 'stopped by SIGTERM');
  assert.match(result.stderr, 'rerun the same command to resume');
  assert.not.match(result.stderr, 'received again');
  assert.not.ok(processRunsWith(folder), 'an m3di process outlived the run');

  const written = fs.readdirSync(path.join(folder, 'images')).filter((name) => name.endsWith('.png')).length;
  assert.ok(written >= BATCH, `${written} images written`);
  assert.ok(written < N, `${written} images written`);
  assert.equal(invalidImages(folder), []);
  assert.equal(temporaryFiles(folder), []);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifests', 'shard-0-of-1.json'), 'utf8'));
  assert.is(manifest.status, 'stopped');
  assert.is(manifest.reason, 'SIGTERM');

  const resumed = runCli(['images', '--output-folder', folder, ...renderFlags]);
  assert.is(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, `rendered ${N - written}, skipped ${written} valid existing`);
  assert.equal(diffTrees(reference, hashTree(folder)), []);
});

test('Ctrl-C to the process group stops once, gracefully', async () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'interrupted');
  copyInputs(referenceFolder, folder);

  // A terminal sends SIGINT to the whole foreground process group.
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'm3di.js'), 'images', '--output-folder', folder, ...renderFlags], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exit = waitForExit(child);
  await firstBatchWritten(child);
  process.kill(-child.pid!, 'SIGINT');
  const result = await exit;

  assert.is(result.status, 130, result.stderr);
  assert.match(result.stderr, 'stopped by SIGINT');
  assert.not.match(result.stderr, 'received again');
  assert.not.ok(processRunsWith(folder), 'an m3di process outlived the run');
  assert.equal(invalidImages(folder), []);
  assert.equal(temporaryFiles(folder), []);
});

test('second SIGTERM stops at once, rerun repairs', async () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'terminated-twice');
  makeLatents(folder, 6, SEED);
  // 64 samples per pixel and 3 batches of 2: the second signal, 1.2 s after the first, should land
  // while the second batch renders.
  const args = ['images', '--output-folder', folder, ...renderFlags, '--batch-size', '2', '--spp', '64'];

  const child = startCli(args);
  const exit = waitForExit(child);
  await firstBatchWritten(child);
  child.kill('SIGTERM');
  await sleep(1200);
  child.kill('SIGTERM');
  const result = await exit;
  assert.is(result.status, 143, result.stderr);
  if (result.stderr.includes('received again')) assert.match(result.stderr, 'stopping now without the batch in flight');
  else console.log('  the batch in flight finished before the second SIGTERM');
  assert.equal(invalidImages(folder), []);

  const resumed = runCli(args);
  assert.is(resumed.status, 0, resumed.stderr);
  assert.equal(temporaryFiles(folder), []);
  const verify = runCli(['verify', folder]);
  assert.is(verify.status, 0, verify.stdout);
});

test('shards in parallel processes equal one run', async () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'shards');
  copyInputs(referenceFolder, folder);

  // Leftovers: one temporary file of a process that has exited, one of a live process (this one).
  const images = path.join(folder, 'images');
  fs.mkdirSync(images);
  const exited = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => exited.on('exit', resolve));
  const live = temporaryPathFor(path.join(images, '04.png'));
  const stale = path.basename(temporaryPathFor(path.join(images, '03.png'))).replace(`.${process.pid}.`, `.${exited.pid}.`);
  fs.writeFileSync(path.join(images, stale), 'partial');
  fs.writeFileSync(live, 'being written');

  const shards = 3;
  const runs = Array.from({ length: shards }, (_, index) =>
    waitForExit(startCli(['images', '--output-folder', folder, '--n-batches', String(shards), '--batch-index', String(index), ...renderFlags])),
  );
  const results = await Promise.all(runs);
  results.forEach((result, index) => assert.is(result.status, 0, `shard ${index}: ${result.stderr}`));

  assert.not.ok(fs.existsSync(path.join(images, stale)), 'the exited process\'s temporary file was kept');
  assert.ok(fs.existsSync(live), 'the live process\'s temporary file was removed');
  assert.ok(results.some((result) => result.stdout.includes('removed 1 temporary files left by interrupted runs')));
  fs.rmSync(live);

  assert.equal(diffTrees(reference, hashTree(folder)), []);
  const ranges = [0, 1, 2].map((index) => JSON.parse(fs.readFileSync(path.join(folder, 'manifests', `shard-${index}-of-3.json`), 'utf8')));
  assert.equal(ranges.map((manifest) => [manifest.shard.start, manifest.shard.end, manifest.status]), [[0, 8, 'complete'], [8, 16, 'complete'], [16, 24, 'complete']]);
  assert.equal(ranges.map((manifest) => manifest.latents.seed), [SEED, SEED, SEED]);
  const verify = runCli(['verify', folder]);
  assert.is(verify.status, 0, verify.stdout);
});

test('images re-renders only invalid or overwritten files', () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'shards');
  const shard = ['images', '--output-folder', folder, '--n-batches', '4', '--batch-index', '1', ...renderFlags];

  const kept = runCli(shard);
  assert.is(kept.status, 0, kept.stderr);
  assert.match(kept.stdout, 'images 6..11 of 24: rendered 0, skipped 6 valid existing');

  const truncated = path.join(folder, 'images', '07.png');
  fs.truncateSync(truncated, 1000);
  const repaired = runCli(shard);
  assert.is(repaired.status, 0, repaired.stderr);
  assert.match(repaired.stdout, 'rendered 1, skipped 5 valid existing');

  const overwritten = runCli([...shard, '--overwrite']);
  assert.is(overwritten.status, 0, overwritten.stderr);
  assert.match(overwritten.stdout, 'rendered 6, skipped 0 valid existing');
  assert.equal(diffTrees(reference, hashTree(folder)), []);
});

test('SLURM array script renders its shard', () => {
  if (!scene) return console.log(NO_MESHES);
  const folder = path.join(work, 'slurm');
  copyInputs(referenceFolder, folder);
  const env = {
    ...process.env,
    SLURM_ARRAY_TASK_ID: '1',
    SLURM_ARRAY_TASK_COUNT: '3',
    SLURM_ARRAY_TASK_MIN: '0',
    M3DI_DATASET: folder,
    M3DI: `${process.execPath} ${path.join(repoRoot, 'bin', 'm3di.js')}`,
  };
  const script = path.join(repoRoot, 'deploy', 'slurm', 'm3di-images.sbatch');
  const result = spawnSync('bash', [script, ...renderFlags], { env, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, 'images 8..15 of 24: rendered 8');

  const images = [...hashTree(folder).entries()].filter(([file]) => file.startsWith('images'));
  assert.equal(images.map(([file]) => file), ['08', '09', '10', '11', '12', '13', '14', '15'].map((name) => path.join('images', `${name}.png`)));
  for (const [file, hash] of images) assert.is(hash, reference.get(file), file);
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
