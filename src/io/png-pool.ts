import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PngJob } from './png-worker.js';

/** Time a worker spent on one image: PNG encoding, then the atomic file write. */
export interface PngWriteTiming {
  encodeMilliseconds: number;
  writeMilliseconds: number;
}

interface WorkerMessage extends Partial<PngWriteTiming> {
  id: number;
  error?: string;
  code?: string;
}

interface Pending {
  resolve: (timing: PngWriteTiming) => void;
  reject: (error: Error) => void;
}

/** Error of a PNG write that failed in a worker, with the file and the system error code (ENOSPC, EACCES, ...). */
export class PngWriteError extends Error {
  constructor(readonly file: string, message: string, readonly code?: string) {
    super(`failed to write ${file}: ${message}`);
  }
}

/**
 * Pool of worker threads that encode and write PNG files, so that encoding never holds up the
 * main thread that drives the GPU. Jobs go to the worker with the fewest jobs in flight.
 * The default size is one worker per core but one, at most 16: at about 6 ms of encoding per
 * 224 × 224 image, a GPU rendering 2,000 images/s keeps twelve cores busy with PNGs.
 */
export class PngWriterPool {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<number, Pending & { worker: number; file: string }>();
  private nextId = 0;

  constructor(size = Math.max(1, Math.min(16, os.availableParallelism() - 1))) {
    const script = new URL('./png-worker.js', import.meta.url);
    this.workers = Array.from({ length: size }, (_, index) => {
      const worker = new Worker(script);
      worker.on('message', (message: WorkerMessage) => this.settle(message));
      worker.on('error', (error) => this.failWorker(index, error));
      return worker;
    });
    this.load = new Array(size).fill(0);
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /** Encodes `rgba` (RGBA8, copied) as PNG and writes it to `file` through a temporary name; resolves once renamed. */
  write(file: string, rgba: Uint8Array, width: number, height: number): Promise<PngWriteTiming> {
    const worker = this.load.indexOf(Math.min(...this.load));
    const id = this.nextId++;
    const copy = rgba.slice();
    const job: PngJob = { id, file, rgba: copy, width, height };
    this.load[worker]++;
    return new Promise<PngWriteTiming>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker, file });
      this.workers[worker].postMessage(job, [copy.buffer]);
    });
  }

  private settle(message: WorkerMessage): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    this.load[entry.worker]--;
    if (message.error) entry.reject(new PngWriteError(entry.file, message.error, message.code));
    else entry.resolve({ encodeMilliseconds: message.encodeMilliseconds ?? 0, writeMilliseconds: message.writeMilliseconds ?? 0 });
  }

  private failWorker(index: number, error: Error): void {
    for (const [id, entry] of this.pending) {
      if (entry.worker !== index) continue;
      this.pending.delete(id);
      entry.reject(error);
    }
  }

  /** Stops the workers; jobs still in flight are abandoned (their temporary files never get renamed). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
