// The render stage shared by `m3di images` and `m3di generate`: signals, retries, result and resume hints.
import { renderImages, type RenderImagesOptions, type RenderImagesResult } from '../dataset/render-images.js';
import { RenderFailedError, type RetryEvent } from '../dataset/recovering-renderer.js';
import type { StopSignals } from './stop-signals.js';

/** Prints one line per retried batch to stderr, even with --quiet, because each retry follows a fault. */
function printRetry(command: string, event: RetryEvent): void {
  const first = event.indices[0];
  const last = event.indices[event.indices.length - 1];
  console.error(
    `m3di ${command}: batch of images ${first}..${last} failed: ${event.error.message}; ` +
      `retry ${event.attempt} of ${event.maxRetries} on a new GPU device in ${(event.delayMilliseconds / 1000).toFixed(1)} s`,
  );
}

/** Summary of a finished or stopped run, for stdout. */
function describeResult(result: RenderImagesResult): string {
  const [start, end] = result.shard;
  const range = end > start ? `images ${start}..${end - 1} of ${result.total}` : `no images of ${result.total} in this shard`;
  const retries = result.retries > 0 ? `, ${result.retries} batches retried` : '';
  const adapter = result.adapter ? ` on ${result.adapter}` : '';
  return `${range}: rendered ${result.rendered}, skipped ${result.skipped} valid existing${retries}, ${result.seconds.toFixed(1)} s${adapter}`;
}

/**
 * Runs renderImages for CLI `command`, stopping on the signals in `stop`, and prints the result.
 * Returns the exit status: 0 when the shard is complete, 130 or 143 after a signal, 1 when a batch
 * failed after every retry.
 */
export async function runRenderStage(command: string, argv: string[], options: RenderImagesOptions & { quiet: boolean }, stop: StopSignals): Promise<number> {
  const log = options.quiet ? () => undefined : console.log;
  let result: RenderImagesResult;
  try {
    result = await renderImages({
      ...options,
      shouldStop: stop.reason,
      onRetry: (event) => printRetry(command, event),
      command: [command, ...argv],
    });
  } catch (error) {
    if (!(error instanceof RenderFailedError)) throw error;
    console.error(`m3di ${command}: error: ${error.message}`);
    return 1;
  }

  if (result.removedTemporaryFiles.length > 0) {
    log(`removed ${result.removedTemporaryFiles.length} temporary files left by interrupted runs`);
  }
  log(describeResult(result));
  if (result.stopped === undefined) return 0;

  const [start, end] = result.shard;
  const left = end - start - result.skipped - result.rendered;
  console.error(
    `m3di ${command}: stopped by ${result.stopped} with ${left} images of this shard left to render; ` +
      `rerun the same command to resume (the ${result.skipped + result.rendered} images written are kept)`,
  );
  return stop.exitStatus();
}
