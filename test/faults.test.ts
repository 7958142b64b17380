// Faults during a run: full disk, read-only and unwritable folders, lost GPU devices, failing batches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderImages } from '../src/dataset/render-images.js';
import { RenderFailedError, type RetryEvent } from '../src/dataset/recovering-renderer.js';
import { findPngFileProblem } from '../src/io/png-check.js';
import { Renderer, type RendererOptions } from '../src/render/renderer.js';
import { loadScene } from '../src/scene/scene-file.js';
import { makeTempDir } from './helpers/dataset.js';
import { copyInputs, diffTrees, hashTree, makeLatents, NO_MESHES, runCli, writeTestScene } from './helpers/runs.js';

const work = makeTempDir('m3di-faults-');
fs.chmodSync(work, 0o755);
const sceneFile = writeTestScene(work);
const inputs = path.join(work, 'inputs');
makeLatents(inputs, 12, 5);

/** Mounts a tmpfs of `size` at a new folder under the work folder; returns it, or undefined when mounting is not permitted. */
function mountTmpfs(name: string, size: string): string | undefined {
  const mountPoint = path.join(work, name);
  fs.mkdirSync(mountPoint);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', mountPoint], { encoding: 'utf8' });
  return result.status === 0 ? mountPoint : undefined;
}

function remount(mountPoint: string, options: string): void {
  const result = spawnSync('mount', ['-o', `remount,${options}`, mountPoint], { encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
}

const mounted: string[] = [];

/** Files below `folder` whose names mark them as temporary. */
function temporaryFiles(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'));
}

test('full disk stops with a clear message and whole files', () => {
  if (!sceneFile) return console.log(NO_MESHES);
  const disk = mountTmpfs('full-disk', '240k');
  if (!disk) return console.log('skipped: mounting a tmpfs is not permitted here');
  mounted.push(disk);
  const folder = path.join(disk, 'dataset');
  copyInputs(inputs, folder);

  const args = ['images', '--output-folder', folder, '--scene', sceneFile, '--batch-size', '2'];
  const full = runCli(args);
  assert.is(full.status, 1, full.stderr);
  assert.match(full.stderr, `m3di images: error: cannot write to ${path.join(folder, 'images')}: no space left on device (ENOSPC)`);
  assert.match(full.stderr, 'rerun the same command to resume');
  assert.not.match(full.stderr, '    at ', 'a stack trace was printed');
  assert.equal(temporaryFiles(folder), []);

  const images = fs.readdirSync(path.join(folder, 'images'));
  assert.ok(images.length > 0, 'no image fitted on the disk');
  assert.ok(images.length < 12, `${images.length} images written; the disk never filled`);
  for (const name of images) assert.is(findPngFileProblem(path.join(folder, 'images', name), 224, 224, true), undefined, name);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifests', 'shard-0-of-1.json'), 'utf8'));
  assert.is(manifest.status, 'failed');
  assert.is(manifest.counts.rendered, images.length);

  remount(disk, 'size=4m');
  const resumed = runCli(args);
  assert.is(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, `skipped ${images.length} valid existing`);
  const verify = runCli(['verify', folder]);
  assert.is(verify.status, 0, verify.stdout);
});

test('read-only file system stops before rendering', () => {
  const disk = mountTmpfs('read-only', '1m');
  if (!disk) return console.log('skipped: mounting a tmpfs is not permitted here');
  mounted.push(disk);
  const folder = path.join(disk, 'dataset');
  copyInputs(inputs, folder);
  remount(disk, 'ro');

  const result = runCli(['images', '--output-folder', folder, '--scene', sceneFile ?? path.join(work, 'none.json')]);
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, `m3di images: error: cannot write to ${folder}: read-only file system (EROFS)`);
  assert.not.ok(fs.existsSync(path.join(folder, 'images')));
});

test('unwritable folder stops before rendering', () => {
  const folder = path.join(work, 'unwritable');
  copyInputs(inputs, folder);
  fs.mkdirSync(path.join(folder, 'images'));
  const scene = sceneFile ?? path.join(work, 'none.json');

  // Root may write into any folder, so as root the run switches to the unprivileged user 65534 (nobody).
  const asRoot = process.getuid?.() === 0;
  for (const dir of [folder, path.join(folder, 'text')]) fs.chmodSync(dir, 0o755);
  if (!asRoot) fs.chmodSync(path.join(folder, 'images'), 0o555);
  const result = runCli(['images', '--output-folder', folder, '--scene', scene], asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: work } } : {});
  fs.chmodSync(path.join(folder, 'images'), 0o755);

  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, `m3di images: error: cannot write to ${folder}: permission denied (EACCES)`);
  assert.equal(fs.readdirSync(path.join(folder, 'images')), []);
});

/** Options of an in-process run over a copy of the inputs in `name`. */
function runOptions(name: string) {
  const folder = path.join(work, name);
  copyInputs(inputs, folder);
  return { folder, scene: loadScene(sceneFile), batchSize: 4 };
}

test('lost GPU device is recreated and the batch retried', async () => {
  if (!sceneFile) return console.log(NO_MESHES);
  const clean = runOptions('clean');
  await renderImages(clean);

  // The first renderer loses its device while its second batch is in flight.
  let created = 0;
  const createRenderer = async (options: RendererOptions) => {
    const renderer = await Renderer.create(options);
    created++;
    if (created === 1) {
      const renderBatch = renderer.renderBatch.bind(renderer);
      let batches = 0;
      renderer.renderBatch = (requests) => {
        const pending = renderBatch(requests);
        if (++batches === 2) renderer.device.destroy();
        return pending;
      };
    }
    return renderer;
  };
  const retries: RetryEvent[] = [];
  const faulty = runOptions('device-lost');
  const result = await renderImages({ ...faulty, createRenderer, onRetry: (event) => retries.push(event) });

  assert.is(created, 2);
  assert.is(result.retries, 1);
  assert.is(retries.length, 1);
  assert.equal(retries[0].indices, [4, 5, 6, 7]);
  assert.is(retries[0].attempt, 1);
  assert.is(result.rendered, 12);
  assert.equal(diffTrees(hashTree(clean.folder), hashTree(faulty.folder)), []);
  const manifest = JSON.parse(fs.readFileSync(result.manifestFile, 'utf8'));
  assert.is(manifest.counts.retries, 1);
  assert.is(manifest.status, 'complete');
});

test('batch failing on every retry fails the run clearly', async () => {
  if (!sceneFile) return console.log(NO_MESHES);
  let created = 0;
  const createRenderer = async (options: RendererOptions) => {
    if (++created > 1) throw new Error('injected: no adapter after the driver reset');
    const renderer = await Renderer.create(options);
    renderer.renderBatch = async () => {
      throw new Error('injected: queue submit failed');
    };
    return renderer;
  };
  const retries: RetryEvent[] = [];
  const options = runOptions('failing');

  let failure: unknown;
  try {
    await renderImages({ ...options, createRenderer, maxRetries: 2, onRetry: (event) => retries.push(event) });
  } catch (error) {
    failure = error;
  }
  assert.instance(failure, RenderFailedError);
  assert.match((failure as Error).message, 'rendering images 0..3 failed 3 times; last error: injected: no adapter after the driver reset. ');
  assert.equal(
    retries.map((event) => [event.attempt, event.error.message, event.delayMilliseconds]),
    [
      [1, 'injected: queue submit failed', 500],
      [2, 'injected: no adapter after the driver reset', 1000],
    ],
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(options.folder, 'manifests', 'shard-0-of-1.json'), 'utf8'));
  assert.is(manifest.status, 'failed');
  assert.match(manifest.reason, 'failed 3 times');
  assert.equal(fs.readdirSync(path.join(options.folder, 'images')), []);
});

test.after(() => {
  for (const mountPoint of mounted) spawnSync('umount', [mountPoint]);
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
