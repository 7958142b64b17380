// Dawn's Node bindings (npm `webgpu` 0.3.10, 0.4.0 and 0.6.2 tested) free their native instance when
// the GPU object returned by `create()` is garbage-collected. Every later GPU promise still polls that
// instance, so the process crashes unless m3di keeps the GPU object (docs/dawn-lavapipe-crash.md).
// The test runs a child process started with plain `node`, the way a library user starts one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const gpuDeviceModule = pathToFileURL(path.join(repoRoot, 'dist/src/render/gpu-device.js')).href;

// Creates a device inside a function so that only the device stays reachable, forces a full garbage
// collection, lets Node run the finalizers, then awaits GPU work: a buffer copy and its readback.
const DROP_AND_COLLECT_SCRIPT = `
import { createGpuContext } from ${JSON.stringify(gpuDeviceModule)};

async function openDevice() {
  const context = await createGpuContext();
  return context.device;
}

const device = await openDevice();
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 100));

const source = device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
const readback = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
device.queue.writeBuffer(source, 0, new Uint32Array([7, 11, 13, 17]));
const encoder = device.createCommandEncoder();
encoder.copyBufferToBuffer(source, 0, readback, 0, 16);
device.queue.submit([encoder.finish()]);
await device.queue.onSubmittedWorkDone();
await readback.mapAsync(GPUMapMode.READ);
console.log(Array.from(new Uint32Array(readback.getMappedRange())).join(','));
readback.unmap();
device.destroy();
`;

function runScript(source: string, nodeOptions: string[]): ReturnType<typeof spawnSync> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-gpu-lifetime-'));
  try {
    const script = path.join(folder, 'script.mjs');
    fs.writeFileSync(script, source);
    return spawnSync(process.execPath, [...nodeOptions, script], { encoding: 'utf8', timeout: 120_000 });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

test('device survives collection of everything but itself', () => {
  // Three runs: the same steps on a GPU object that nothing retains crashed in 10 of 10 runs.
  for (let run = 0; run < 3; run++) {
    const result = runScript(DROP_AND_COLLECT_SCRIPT, ['--expose-gc']);
    const context = `run ${run}: signal ${result.signal}, stderr:\n${result.stderr}`;
    assert.is(result.signal, null, context);
    assert.is(result.status, 0, context);
    assert.is(String(result.stdout).trim(), '7,11,13,17', context);
  }
});

test.run();
