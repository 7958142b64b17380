// Pixels must depend only on the dataset index and the latents: never on how requests are grouped
// into dispatches, how many are in flight, or the workgroup size.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageRow, sampleLatentColumns } from '../src/latents/sample.js';
import { Renderer, type RenderRequest } from '../src/render/renderer.js';
import { loadScene, type SceneDescription } from '../src/scene/scene-file.js';
import { uvSphere } from './helpers/geometry.js';

const SAMPLES = 4;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-batching-'));
let scene: SceneDescription;
let requests: RenderRequest[];
const renderers: Renderer[] = [];

/** Writes a small sphere as OBJ text, so the test needs no mesh files. */
function writeSphereObj(file: string): void {
  const mesh = uvSphere(1.2, 16, 24);
  const lines: string[] = [];
  for (let i = 0; i < mesh.positions.length; i += 3) lines.push(`v ${mesh.positions[i]} ${mesh.positions[i + 1]} ${mesh.positions[i + 2]}`);
  for (let i = 0; i < mesh.indices.length; i += 3) {
    const [a, b, c] = [mesh.indices[i] + 1, mesh.indices[i + 1] + 1, mesh.indices[i + 2] + 1];
    // The UV sphere has degenerate triangles at its poles; skip them as a mesh exporter would.
    if (a !== b && b !== c && a !== c) lines.push(`f ${a} ${b} ${c}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function createRenderer(maxBatchImages: number, workgroupSize?: [number, number]): Promise<Renderer> {
  const renderer = await Renderer.create({ scene, samplesPerPixel: SAMPLES, maxBatchImages, workgroupSize, assets: renderers[0]?.assets });
  renderers.push(renderer);
  return renderer;
}

test.before(() => {
  const objFile = path.join(folder, 'sphere.obj');
  writeSphereObj(objFile);
  scene = loadScene();
  // Not a multiple of the workgroup size, so edge workgroups are partly empty.
  scene.image = { width: 44, height: 30 };
  scene.shapes = scene.shapes.map((shape) => ({ ...shape, mesh: objFile, scale: 1, groundDepth: 1.2 }));
  const columns = sampleLatentColumns({ nPoints: 3, seed: 3 });
  requests = [0, 1, 2].map((row) => ({ index: 17 + row, latents: imageRow(columns, row) }));
});

test.after(() => {
  for (const renderer of renderers) renderer.destroy();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('batch size does not change pixels', async () => {
  const single = await createRenderer(1);
  const triple = await createRenderer(3);

  // Three one-image batches requested at once: two fill the readback buffers, the third waits.
  const singles = await Promise.all(requests.map((request) => single.renderBatch([request])));
  const together = await triple.renderBatch(requests);

  const imageBytes = scene.image.width * scene.image.height * 4;
  assert.is(together.rgba.length, 3 * imageBytes);
  singles.forEach((batch, i) => {
    assert.is(batch.imageCount, 1);
    assert.ok(Buffer.from(batch.rgba).equals(Buffer.from(together.rgba.subarray(i * imageBytes, (i + 1) * imageBytes))), `image ${i} differs`);
  });
  assert.is(singles.reduce((sum, batch) => sum + batch.rays, 0), together.rays);
});

test('images of one batch differ from each other', async () => {
  const batch = await renderers[1].renderBatch(requests);
  const imageBytes = scene.image.width * scene.image.height * 4;
  const first = Buffer.from(batch.rgba.subarray(0, imageBytes));
  assert.not.ok(first.equals(Buffer.from(batch.rgba.subarray(imageBytes, 2 * imageBytes))), 'images 0 and 1 are identical');
});

test('workgroup size does not change pixels', async () => {
  const reference = await renderers[1].renderBatch(requests);
  for (const size of [[16, 4], [4, 2]] as [number, number][]) {
    const renderer = await createRenderer(3, size);
    const batch = await renderer.renderBatch(requests);
    assert.ok(Buffer.from(batch.rgba).equals(Buffer.from(reference.rgba)), `workgroup ${size.join('x')} changes pixels`);
  }
});

test.run();
