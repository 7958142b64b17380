// Run manifests: one small JSON file per shard that records how the images of a dataset folder were made.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { IMAGE_LATENTS_FILE, LATENTS_META_FILE } from '../latents/types.js';
import type { AdapterDescription } from '../render/gpu-device.js';
import type { SceneDescription } from '../scene/scene-file.js';

/** Folder of the manifests inside a dataset folder. */
export const MANIFESTS_FOLDER = 'manifests';

/** Final state of a run; `running` is written when rendering starts and replaced at the end. */
export type RunStatus = 'running' | 'complete' | 'stopped' | 'failed';

/** SHA-256 of one input file, with its path as given; null when the file is missing. */
export interface FileHash {
  file: string;
  sha256: string | null;
}

/** Contents of manifests/shard-I-of-K.json. */
export interface RunManifest {
  tool: { name: string; version: string };
  /** Command-line arguments after `m3di`, or an empty list for library calls. */
  command: string[];
  status: RunStatus;
  /** Message of the error that ended a failed run, or of the signal that stopped it. */
  reason?: string;
  started: string;
  finished?: string;
  seconds?: number;
  latents: {
    file: string;
    sha256: string;
    rows: number;
    /** Seed and option from latents_meta.json; null when that file is absent or unreadable. */
    seed: number | null;
    positionDependentColor: boolean | null;
  };
  scene: { file: string; sha256: string | null; meshes: FileHash[]; spotlights: boolean };
  render: { samplesPerPixel: number; bounces: number; sampleSeed: number; batchSize: number | null; overwrite: boolean };
  shard: { nBatches: number; batchIndex: number; start: number; end: number };
  counts: { toRender: number; rendered: number; skipped: number; retries: number };
  /** Adapter that rendered; null when every image of the shard already existed. */
  adapter: AdapterDescription | null;
  runtime: { node: string; platform: string; arch: string };
}

/** File name of the manifest of shard `batchIndex` of `nBatches`. */
export function manifestFileName(batchIndex: number, nBatches: number): string {
  return `shard-${batchIndex}-of-${nBatches}.json`;
}

/** Returns the SHA-256 of a file's bytes as hex. */
export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

let toolVersion: string | undefined;

/** Returns the version in m3di's package.json. */
export function readToolVersion(): string {
  if (toolVersion === undefined) {
    const packageFile = new URL('../../../package.json', import.meta.url);
    toolVersion = (JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { version: string }).version;
  }
  return toolVersion;
}

/** Reads seed and position-dependent-colour option from latents_meta.json, or nulls when it is missing or malformed. */
function readLatentsMeta(folder: string): { seed: number | null; positionDependentColor: boolean | null } {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(folder, LATENTS_META_FILE), 'utf8')) as { seed?: unknown; positionDependentColor?: unknown };
    return {
      seed: typeof meta.seed === 'number' ? meta.seed : null,
      positionDependentColor: typeof meta.positionDependentColor === 'boolean' ? meta.positionDependentColor : null,
    };
  } catch {
    return { seed: null, positionDependentColor: null };
  }
}

/** Facts about a run known before it renders, from which {@link startManifest} builds the manifest. */
export interface ManifestInputs {
  folder: string;
  command: string[];
  rows: number;
  scene: SceneDescription;
  render: RunManifest['render'];
  shard: RunManifest['shard'];
  counts: RunManifest['counts'];
}

/** Builds the manifest of a run that is about to render, hashing latents_image.csv, the scene file and its meshes. */
export function startManifest(inputs: ManifestInputs): RunManifest {
  const { folder, scene } = inputs;
  const sceneHash = fs.existsSync(scene.file) ? sha256File(scene.file) : null;
  const meshFiles = [...new Set(scene.shapes.map((shape) => shape.mesh))];
  return {
    tool: { name: 'm3di', version: readToolVersion() },
    command: inputs.command,
    status: 'running',
    started: new Date().toISOString(),
    latents: { file: IMAGE_LATENTS_FILE, sha256: sha256File(path.join(folder, IMAGE_LATENTS_FILE)), rows: inputs.rows, ...readLatentsMeta(folder) },
    scene: {
      file: scene.file,
      sha256: sceneHash,
      meshes: meshFiles.map((file) => ({ file, sha256: fs.existsSync(file) ? sha256File(file) : null })),
      spotlights: scene.spotlight.power > 0,
    },
    render: inputs.render,
    shard: inputs.shard,
    counts: inputs.counts,
    adapter: null,
    runtime: { node: process.version, platform: process.platform, arch: process.arch },
  };
}

/** Writes `manifest` to DIR/manifests/shard-I-of-K.json atomically, creating the folder; returns the file's path. */
export function writeManifest(folder: string, manifest: RunManifest): string {
  const manifestFolder = path.join(folder, MANIFESTS_FOLDER);
  fs.mkdirSync(manifestFolder, { recursive: true });
  const file = path.join(manifestFolder, manifestFileName(manifest.shard.batchIndex, manifest.shard.nBatches));
  writeFileAtomic(file, JSON.stringify(manifest, null, 2) + '\n');
  return file;
}

/** Reads every manifest in DIR/manifests, by file name; files that do not parse are returned as errors. */
export function readManifests(folder: string): { name: string; manifest?: RunManifest; error?: string }[] {
  const manifestFolder = path.join(folder, MANIFESTS_FOLDER);
  if (!fs.existsSync(manifestFolder)) return [];
  return fs
    .readdirSync(manifestFolder)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => {
      try {
        return { name, manifest: JSON.parse(fs.readFileSync(path.join(manifestFolder, name), 'utf8')) as RunManifest };
      } catch (error) {
        return { name, error: (error as Error).message };
      }
    });
}

/**
 * Returns the settings that must be equal across the shards of one dataset for their images to belong
 * together, by name, as JSON text. Paths are left out, so shards run on machines with different
 * folder layouts still compare equal.
 */
export function sharedSettings(manifest: RunManifest): Record<string, string> {
  return {
    'latents sha256': JSON.stringify(manifest.latents?.sha256),
    'scene sha256': JSON.stringify(manifest.scene?.sha256),
    'mesh sha256s': JSON.stringify(manifest.scene?.meshes?.map((mesh) => mesh.sha256)),
    spotlights: JSON.stringify(manifest.scene?.spotlights),
    'samples per pixel': JSON.stringify(manifest.render?.samplesPerPixel),
    bounces: JSON.stringify(manifest.render?.bounces),
    'sample seed': JSON.stringify(manifest.render?.sampleSeed),
  };
}
