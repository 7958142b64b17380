import { Renderer, type RenderedBatch, type RendererOptions, type RenderRequest } from '../render/renderer.js';
import type { AdapterDescription } from '../render/gpu-device.js';

/** Creates a renderer; {@link Renderer.create} unless a caller substitutes its own (tests inject faults this way). */
export type RendererFactory = (options: RendererOptions) => Promise<Renderer>;

/** One failed batch that is about to be retried on a new renderer. */
export interface RetryEvent {
  /** 1 for the first retry of this batch. */
  attempt: number;
  maxRetries: number;
  /** Dataset indices of the failed batch. */
  indices: number[];
  error: Error;
  /** Milliseconds waited before the new renderer is created. */
  delayMilliseconds: number;
}

/** Thrown when a batch still fails after every retry. */
export class RenderFailedError extends Error {
  override name = 'RenderFailedError';

  constructor(readonly indices: number[], readonly attempts: number, readonly lastError: Error) {
    super(
      `rendering images ${indices[0]}..${indices[indices.length - 1]} failed ${attempts} times; last error: ${lastError.message}. ` +
        'Images written before the failure are kept: check the GPU driver, then rerun the same command to resume.',
    );
  }
}

/** Default number of retries of one batch, each on a newly created renderer. */
export const DEFAULT_MAX_RETRIES = 3;
const FIRST_RETRY_DELAY_MS = 500;

/**
 * A renderer that survives a lost GPU device or a failed batch: the batch is retried on a newly
 * created renderer (new device, same scene assets) up to `maxRetries` times, waiting 0.5 s, 1 s,
 * 2 s, ... before each, and a success resets the count. Batch pixels depend only on the
 * scene, the settings and the dataset indices, so a retried batch yields the same images.
 */
export class RecoveringRenderer {
  private renderer: Renderer | undefined;
  private lostMessage: string | undefined;
  /** Rejecters of the batches in flight, called when the device is lost. */
  private readonly rejectOnLoss = new Set<(error: Error) => void>();
  /** Retries over the whole run. */
  retries = 0;

  private constructor(
    private readonly options: RendererOptions,
    private readonly factory: RendererFactory,
    private readonly maxRetries: number,
    private readonly onRetry: (event: RetryEvent) => void,
    first: Renderer,
    /** Batch size of the first renderer; later ones are created with the same limit. */
    readonly maxBatchImages: number,
    readonly adapter: AdapterDescription,
  ) {
    this.adopt(first);
  }

  /** Creates the first renderer; failures here (no adapter, kernel errors) are not retried. */
  static async create(
    options: RendererOptions,
    factory: RendererFactory = (rendererOptions) => Renderer.create(rendererOptions),
    maxRetries = DEFAULT_MAX_RETRIES,
    onRetry: (event: RetryEvent) => void = () => undefined,
  ): Promise<RecoveringRenderer> {
    const first = await factory(options);
    const sameSize = { ...options, assets: first.assets, maxBatchImages: first.maxBatchImages };
    return new RecoveringRenderer(sameSize, factory, maxRetries, onRetry, first, first.maxBatchImages, first.adapter);
  }

  /** Renders one batch, retrying on a new renderer after a failure or a lost device. */
  async renderBatch(requests: RenderRequest[]): Promise<RenderedBatch> {
    for (let attempt = 0; ; attempt++) {
      let renderer: Renderer | undefined;
      try {
        renderer = this.renderer ?? this.adopt(await this.factory(this.options));
        return await this.tryBatch(renderer, requests);
      } catch (error) {
        if (renderer) this.discard(renderer);
        const cause = error instanceof Error ? error : new Error(String(error));
        const indices = requests.map((request) => request.index);
        if (attempt >= this.maxRetries) throw new RenderFailedError(indices, attempt + 1, cause);

        const delayMilliseconds = FIRST_RETRY_DELAY_MS * 2 ** attempt;
        this.retries++;
        this.onRetry({ attempt: attempt + 1, maxRetries: this.maxRetries, indices, error: cause, delayMilliseconds });
        await new Promise((resolve) => setTimeout(resolve, delayMilliseconds));
      }
    }
  }

  /** Releases the current renderer and its device. */
  destroy(): void {
    if (this.renderer) this.discard(this.renderer);
  }

  private async tryBatch(renderer: Renderer, requests: RenderRequest[]): Promise<RenderedBatch> {
    if (this.lostMessage) throw new Error(this.lostMessage);

    // A lost device normally makes mapAsync reject, but do not rely on the readback settling.
    // NOTE: a batch that hangs without a device loss is not detected. There is no timeout, because one
    // batch on a CPU driver can legitimately take minutes.
    let rejecter: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => {
      rejecter = reject;
    });
    this.rejectOnLoss.add(rejecter);
    const pending = renderer.renderBatch(requests);
    pending.catch(() => undefined);
    try {
      const batch = await Promise.race([pending, lost]);
      // Pixels read back from a device that was lost meanwhile are not trusted.
      if (this.lostMessage) throw new Error(this.lostMessage);
      return batch;
    } finally {
      this.rejectOnLoss.delete(rejecter);
    }
  }

  private adopt(renderer: Renderer): Renderer {
    this.renderer = renderer;
    this.lostMessage = undefined;
    renderer.device.lost.then((info) => {
      if (this.renderer !== renderer) return;
      this.lostMessage = describeLoss(info);
      for (const reject of this.rejectOnLoss) reject(new Error(this.lostMessage));
    });
    return renderer;
  }

  /** Destroys `renderer` if it is still the current one, so that a batch that failed on an older renderer leaves a newer one alone. */
  private discard(renderer: Renderer): void {
    if (this.renderer !== renderer) return;
    this.renderer = undefined;
    try {
      renderer.destroy();
    } catch {
      // A renderer whose device is already lost may fail to release its buffers; it is dropped either way.
    }
  }
}

function describeLoss(info: GPUDeviceLostInfo): string {
  return `GPU device lost (reason ${info.reason}${info.message ? `: ${info.message}` : ''})`;
}
