// Helpers for tests that render small datasets through the CLI and compare folders.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCENE_FILE } from '../../src/scene/scene-file.js';
import { repoRoot } from './dataset.js';

/** The original teapot and cow meshes beside the checkout; absent outside the development setup. */
export const referenceMeshesDir = path.resolve(repoRoot, '..', 'shared', 'reference', 'cycles', 'meshes');

/** Message for tests skipped because the reference meshes are absent. */
export const NO_MESHES = `skipped: reference meshes not found in ${referenceMeshesDir}`;

/**
 * Writes a scene file into `dir` that renders fast: the shipped scene with the reference teapot
 * (even shape ids) and cow (odd ids) and `spp` samples per pixel, at the full 224 × 224. Returns its
 * path, or undefined when the reference meshes are absent.
 */
export function writeTestScene(dir: string, spp = 1): string | undefined {
  const teapot = path.join(referenceMeshesDir, 'teapot.obj');
  const cow = path.join(referenceMeshesDir, 'cow.obj');
  if (!fs.existsSync(teapot) || !fs.existsSync(cow)) return undefined;

  const scene = JSON.parse(fs.readFileSync(DEFAULT_SCENE_FILE, 'utf8'));
  scene.shapes = scene.shapes.map((shape: Record<string, unknown>, id: number) => ({
    ...shape,
    mesh: id % 2 === 0 ? teapot : cow,
    scale: 1,
    shading: id % 2 === 0 ? 'smooth' : 'flat',
    groundDepth: id % 2 === 0 ? 4.4421 : 4.0452,
  }));
  scene.render.samplesPerPixel = spp;
  const file = path.join(dir, 'test-scene.json');
  fs.writeFileSync(file, JSON.stringify(scene, null, 2));
  return file;
}

const CLI = [process.execPath, [path.join(repoRoot, 'bin', 'm3di.js')]] as const;

/** Runs m3di in one process and waits for it; returns status, signal and output. */
export function runCli(args: string[], options: SpawnSyncOptions = {}): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const result = spawnSync(CLI[0], [...CLI[1], ...args], { cwd: repoRoot, encoding: 'utf8', ...options });
  return { status: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Starts m3di in one process without waiting; stdout and stderr are piped. */
export function startCli(args: string[]): ChildProcess {
  return spawn(CLI[0], [...CLI[1], ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a started process to exit; resolves with its status, signal and everything it printed. */
export function waitForExit(child: ChildProcess): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** Writes latents and text for `n` samples with `seed` into `folder` (created). */
export function makeLatents(folder: string, n: number, seed: number): void {
  for (const args of [
    ['latents', '--output-folder', folder, '--n-points', String(n), '--seed', String(seed)],
    ['text', '--output-folder', folder],
  ]) {
    const result = runCli(args);
    if (result.status !== 0) throw new Error(`m3di ${args.join(' ')} failed: ${result.stderr}`);
  }
}

/** Maps every file below `folder` (relative path) to the SHA-256 of its bytes, leaving out the top-level folders in `exclude`. */
export function hashTree(folder: string, exclude: string[] = ['manifests']): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (exclude.includes(entry.split(path.sep)[0])) continue;
    const file = path.join(folder, entry);
    if (!fs.statSync(file).isFile()) continue;
    hashes.set(entry, createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  }
  return hashes;
}

/** Lists the differences between two {@link hashTree} results: missing, extra and changed files. */
export function diffTrees(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const differences: string[] = [];
  for (const [file, hash] of expected) {
    if (!actual.has(file)) differences.push(`missing ${file}`);
    else if (actual.get(file) !== hash) differences.push(`different ${file}`);
  }
  for (const file of actual.keys()) if (!expected.has(file)) differences.push(`extra ${file}`);
  return differences;
}

/** Copies the latents and text of dataset folder `from` into a new folder `to`, without images. */
export function copyInputs(from: string, to: string): void {
  fs.mkdirSync(path.join(to, 'text'), { recursive: true });
  for (const file of ['latents_image.csv', 'latents_text.csv', 'latents_meta.json', path.join('text', 'text_raw.txt')]) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}
