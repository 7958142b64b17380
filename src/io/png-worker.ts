// Worker thread that encodes rendered pixels as PNG and writes them atomically.
import { parentPort } from 'node:worker_threads';
import { writeFileAtomic } from './atomic.js';
import { encodeRgbPng } from './png.js';

/** One image to encode and write. */
export interface PngJob {
  id: number;
  file: string;
  rgba: Uint8Array;
  width: number;
  height: number;
}

parentPort?.on('message', (job: PngJob) => {
  try {
    const started = performance.now();
    const png = encodeRgbPng(job.rgba, job.width, job.height);
    const encoded = performance.now();
    writeFileAtomic(job.file, png);
    parentPort!.postMessage({ id: job.id, encodeMilliseconds: encoded - started, writeMilliseconds: performance.now() - encoded });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    parentPort!.postMessage({ id: job.id, error: `${(error as Error).message}`, code });
  }
});
