import type { ImageLatents } from '../latents/types.js';
import type { SceneDescription } from '../scene/scene-file.js';
import { filterInverseCdf } from './filter-table.js';
import { FRAME_UNIFORM_BYTES, writeFrameUniform, type FrameSettings } from './frame-uniforms.js';
import { createGpuContext, type AdapterDescription, type GpuContext } from './gpu-device.js';
import { IMAGE_PARAMS_BYTES, writeImageParams } from './image-params.js';
import { loadSceneAssets, type SceneAssets } from './scene-assets.js';
import { renderShaderSource } from './shader-source.js';

/** Options of a renderer; unset ones come from the scene file's `render` block. */
export interface RendererOptions {
  scene: SceneDescription;
  samplesPerPixel?: number;
  bounces?: number;
  /** Seed of the per-pixel random numbers (default 0). */
  sampleSeed?: number;
  /** Substring of the adapter name to use; default: the high-performance adapter. */
  adapter?: string;
  /** Maximum images per dispatch; default sized from the device limits and the sample count. */
  maxBatchImages?: number;
  /** Preloaded meshes and BVHs, to share between renderers of the same scene. */
  assets?: SceneAssets;
  /** Folder of the WGSL sources; default {@link shaderFolder}. */
  shaderFolder?: string;
  /** Invocations per workgroup in x and y; default chosen for the adapter by {@link workgroupSizeFor}. */
  workgroupSize?: [number, number];
}

/** One sample to render: its dataset index (seeds its random numbers) and its latent row. */
export interface RenderRequest {
  index: number;
  latents: ImageLatents;
}

/** Pixels of a rendered batch: RGBA8, `width · height · 4` bytes per image, in request order. */
export interface RenderedBatch {
  rgba: Uint8Array;
  imageCount: number;
  /** Rays the kernel traced for this batch (camera, shadow and bounce rays). */
  rays: number;
  /**
   * Device time in milliseconds: from the later of this batch's submit and the previous batch's
   * completion to its mapped readback, so that batches queued behind each other are not counted twice.
   */
  gpuMilliseconds: number;
}

/** One of the two readback buffers and the batch that last used it. */
interface ReadbackSlot {
  buffer: GPUBuffer;
  /** Settles once the slot's last batch has been read and the buffer unmapped. */
  released: Promise<unknown>;
}

const FILTER_TABLE_SIZE = 256;
const STACK_SIZE = 64;

/** True for adapters that run on the CPU (Mesa lavapipe, SwiftShader). */
export function isCpuAdapter(adapter: AdapterDescription): boolean {
  return adapter.architecture === 'software' || /llvmpipe|lavapipe|swiftshader/i.test(adapter.name);
}

/**
 * Samples (pixels × samples per pixel) per dispatch when sizing batches automatically. On a GPU,
 * 2^27 keeps a dispatch around a second on a mid-range card. Lavapipe gains nothing from large
 * dispatches (2 to 4 images of 224 × 224 at 16 spp measured best on 2 cores), and smaller ones
 * keep the warm-up and progress steps short, so CPU adapters get 2^21: two such images.
 */
export function samplesPerDispatchFor(adapter: AdapterDescription): number {
  return isCpuAdapter(adapter) ? 1 << 21 : 1 << 27;
}

/**
 * Workgroup size for an adapter. On lavapipe (2 cores, default scene, 16 spp, bench/compare-kernels)
 * 8x8 measured as fast as 4x4, 8x4 and 16x8, and 4 to 8 % faster than 16x4 and 32x2.
 * NOTE: GPUs get 8x8 too, unmeasured; bench/compare-kernels --wg-b sweeps other sizes on a GPU.
 */
export function workgroupSizeFor(adapter: AdapterDescription): [number, number] {
  void adapter;
  return [8, 8];
}

/** Renders Multimodal3DIdent images on the GPU in batches: one compute dispatch per batch. */
export class Renderer {
  readonly adapter: AdapterDescription;
  readonly maxBatchImages: number;
  readonly settings: FrameSettings;
  /** Invocations per workgroup in x and y (one invocation per pixel). */
  readonly workgroupSize: [number, number];
  private readonly pixelBytesPerImage: number;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private readonly uniform: GPUBuffer;
  private readonly imageBuffer: GPUBuffer;
  private readonly pixelBuffer: GPUBuffer;
  private readonly counterBuffer: GPUBuffer;
  private readonly readback: ReadbackSlot[];
  private readonly ownedBuffers: GPUBuffer[];
  private nextReadback = 0;
  /** When the most recently submitted batch finished on the device (performance.now() time). */
  private lastCompletion = 0;

  private constructor(private readonly context: GpuContext, readonly scene: SceneDescription, readonly assets: SceneAssets, options: RendererOptions) {
    const device = context.device;
    this.adapter = context.description;
    this.settings = {
      samplesPerPixel: options.samplesPerPixel ?? scene.render.samplesPerPixel,
      bounces: options.bounces ?? scene.render.bounces,
      sampleSeed: options.sampleSeed ?? 0,
      filterTableSize: FILTER_TABLE_SIZE,
    };
    if (assets.maxDepth > STACK_SIZE) throw new Error(`BVH depth ${assets.maxDepth} exceeds the shader's traversal stack of ${STACK_SIZE}`);

    // Batch size: bounded by the storage binding size, the dispatch grid and a sample budget per dispatch.
    const { width, height } = scene.image;
    this.pixelBytesPerImage = width * height * 4;
    const limits = device.limits;
    const byStorage = Math.floor(limits.maxStorageBufferBindingSize / Math.max(this.pixelBytesPerImage, IMAGE_PARAMS_BYTES));
    const bySamples = Math.max(1, Math.floor(samplesPerDispatchFor(this.adapter) / (width * height * this.settings.samplesPerPixel)));
    this.maxBatchImages = Math.max(1, Math.min(options.maxBatchImages ?? bySamples, byStorage, limits.maxComputeWorkgroupsPerDimension));

    // Scene buffers, uploaded once.
    const upload = (label: string, data: ArrayBufferView, usage: number): GPUBuffer => {
      const buffer = device.createBuffer({ label, size: Math.max(16, Math.ceil(data.byteLength / 16) * 16), usage: usage | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      return buffer;
    };
    const { packed } = assets;
    const nodes = upload('BVH nodes', packed.nodes, GPUBufferUsage.STORAGE);
    const triangles = upload('triangles', packed.triangles, GPUBufferUsage.STORAGE);
    const normals = upload('vertex normals', packed.normals, GPUBufferUsage.STORAGE);
    const filter = upload('pixel filter inverse CDF', filterInverseCdf(scene.render.filterWidth, FILTER_TABLE_SIZE), GPUBufferUsage.STORAGE);

    // Per-batch buffers.
    const batchPixelBytes = this.maxBatchImages * this.pixelBytesPerImage;
    this.uniform = device.createBuffer({ label: 'frame uniform', size: FRAME_UNIFORM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.imageBuffer = device.createBuffer({ label: 'image parameters', size: this.maxBatchImages * IMAGE_PARAMS_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.pixelBuffer = device.createBuffer({ label: 'pixels', size: batchPixelBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    this.counterBuffer = device.createBuffer({ label: 'ray counter', size: 8, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.readback = [0, 1].map((i) => ({
      buffer: device.createBuffer({ label: `pixel readback ${i}`, size: batchPixelBytes + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
      released: Promise.resolve(),
    }));
    this.ownedBuffers = [nodes, triangles, normals, filter, this.uniform, this.imageBuffer, this.pixelBuffer, this.counterBuffer, ...this.readback.map((slot) => slot.buffer)];

    // Pipeline, compiled once per renderer; the workgroup size is a pipeline-overridable constant.
    this.workgroupSize = options.workgroupSize ?? workgroupSizeFor(this.adapter);
    const module = device.createShaderModule({ label: 'render kernel', code: renderShaderSource(options.shaderFolder) });
    this.pipeline = device.createComputePipeline({
      label: 'render pipeline',
      layout: 'auto',
      compute: { module, entryPoint: 'render', constants: { WORKGROUP_X: this.workgroupSize[0], WORKGROUP_Y: this.workgroupSize[1] } },
    });
    const buffers = [this.uniform, nodes, triangles, normals, this.imageBuffer, filter, this.pixelBuffer, this.counterBuffer];
    this.bindGroup = device.createBindGroup({
      label: 'render bindings',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /** Creates a renderer: picks the adapter, loads meshes and BVHs, uploads them and compiles the kernel. */
  static async create(options: RendererOptions): Promise<Renderer> {
    const assets = options.assets ?? loadSceneAssets(options.scene);
    const context = await createGpuContext(options.adapter);

    // Surface shader compilation and validation errors now rather than as a black first batch.
    context.device.pushErrorScope('validation');
    const renderer = new Renderer(context, options.scene, assets, options);
    const error = await context.device.popErrorScope();
    if (error) {
      renderer.destroy();
      throw new Error(`render kernel failed to compile or validate: ${error.message}`);
    }
    return renderer;
  }

  /** The GPU device, for callers that watch `device.lost`. */
  get device(): GPUDevice {
    return this.context.device;
  }

  /**
   * Renders up to `maxBatchImages` samples in one dispatch and reads their pixels back.
   * The dispatch is submitted before this returns its promise, so a caller may request the next
   * batch before consuming this one: two batches can be in flight, one per readback buffer, and
   * a third request waits until the oldest batch's readback is released.
   */
  renderBatch(requests: RenderRequest[]): Promise<RenderedBatch> {
    if (requests.length === 0) return Promise.resolve({ rgba: new Uint8Array(0), imageCount: 0, rays: 0, gpuMilliseconds: 0 });
    if (requests.length > this.maxBatchImages) throw new RangeError(`batch of ${requests.length} images exceeds the maximum ${this.maxBatchImages}`);

    const slot = this.readback[this.nextReadback];
    this.nextReadback = (this.nextReadback + 1) % this.readback.length;
    const params = this.imageParams(requests);
    const result = slot.released.then(() => this.submitAndRead(slot, requests.length, params));
    slot.released = result.catch(() => undefined);
    return result;
  }

  /** Packs one `Image` record per request. */
  private imageParams(requests: RenderRequest[]): ArrayBuffer {
    const params = new ArrayBuffer(requests.length * IMAGE_PARAMS_BYTES);
    requests.forEach((request, i) => {
      const shape = this.assets.placements[request.latents.objectShape];
      if (!shape) throw new RangeError(`object_shape ${request.latents.objectShape} is not in the scene's shape table`);
      writeImageParams(params, i * IMAGE_PARAMS_BYTES, this.scene, shape, request.latents, request.index);
    });
    return params;
  }

  private async submitAndRead(slot: ReadbackSlot, imageCount: number, params: ArrayBuffer): Promise<RenderedBatch> {
    const device = this.context.device;
    const { width, height } = this.scene.image;

    // Queue writes land in submission order, so these do not disturb a batch already submitted.
    device.queue.writeBuffer(this.uniform, 0, writeFrameUniform(this.scene, this.settings, imageCount));
    device.queue.writeBuffer(this.imageBuffer, 0, params);
    device.queue.writeBuffer(this.counterBuffer, 0, new Uint32Array(2));

    // Dispatch one invocation per pixel and copy pixels and the ray counter to the mappable buffer.
    const pixelBytes = imageCount * this.pixelBytesPerImage;
    const [groupX, groupY] = this.workgroupSize;
    const encoder = device.createCommandEncoder({ label: 'render batch' });
    const pass = encoder.beginComputePass({ label: 'render pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / groupX), Math.ceil(height / groupY), imageCount);
    pass.end();
    encoder.copyBufferToBuffer(this.pixelBuffer, 0, slot.buffer, 0, pixelBytes);
    encoder.copyBufferToBuffer(this.counterBuffer, 0, slot.buffer, pixelBytes, 8);
    const submitted = performance.now();
    device.queue.submit([encoder.finish()]);

    await slot.buffer.mapAsync(GPUMapMode.READ, 0, pixelBytes + 8);
    const completed = performance.now();
    const gpuMilliseconds = completed - Math.max(submitted, this.lastCompletion);
    this.lastCompletion = completed;
    const mapped = slot.buffer.getMappedRange(0, pixelBytes + 8);
    const rgba = new Uint8Array(mapped, 0, pixelBytes).slice();
    const counter = new Uint32Array(mapped, pixelBytes, 2);
    const rays = counter[0] + counter[1] * 2 ** 32;
    slot.buffer.unmap();
    return { rgba, imageCount, rays, gpuMilliseconds };
  }

  /** Releases the GPU buffers and the device. */
  destroy(): void {
    for (const buffer of this.ownedBuffers) buffer.destroy();
    this.context.device.destroy();
  }
}
