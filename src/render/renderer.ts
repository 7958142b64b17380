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
  /** Most images per dispatch; default sized from the device limits and the sample count. */
  maxBatchImages?: number;
  /** Preloaded meshes and BVHs, to share between renderers of the same scene. */
  assets?: SceneAssets;
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
  /** Wall time from submit to mapped readback, in milliseconds. */
  gpuMilliseconds: number;
}

const WORKGROUP = 8;
const FILTER_TABLE_SIZE = 256;
/** Samples per dispatch when sizing batches automatically; keeps each dispatch around a second on a mid-range GPU. */
const SAMPLES_PER_DISPATCH = 1 << 27;
const STACK_SIZE = 64;

/** Renders Multimodal3DIdent images on the GPU in batches: one compute dispatch per batch. */
export class Renderer {
  readonly adapter: AdapterDescription;
  readonly maxBatchImages: number;
  readonly settings: FrameSettings;
  private readonly pixelBytesPerImage: number;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private readonly uniform: GPUBuffer;
  private readonly imageBuffer: GPUBuffer;
  private readonly pixelBuffer: GPUBuffer;
  private readonly counterBuffer: GPUBuffer;
  private readonly readback: GPUBuffer[];
  private readonly ownedBuffers: GPUBuffer[];
  private nextReadback = 0;

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
    const bySamples = Math.max(1, Math.floor(SAMPLES_PER_DISPATCH / (width * height * this.settings.samplesPerPixel)));
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
    this.readback = [0, 1].map((i) =>
      device.createBuffer({ label: `pixel readback ${i}`, size: batchPixelBytes + 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
    );
    this.ownedBuffers = [nodes, triangles, normals, filter, this.uniform, this.imageBuffer, this.pixelBuffer, this.counterBuffer, ...this.readback];

    // Pipeline, compiled once per renderer.
    const module = device.createShaderModule({ label: 'render kernel', code: renderShaderSource() });
    this.pipeline = device.createComputePipeline({ label: 'render pipeline', layout: 'auto', compute: { module, entryPoint: 'render' } });
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

  /** Renders up to `maxBatchImages` samples in one dispatch and reads their pixels back. */
  async renderBatch(requests: RenderRequest[]): Promise<RenderedBatch> {
    if (requests.length === 0) return { rgba: new Uint8Array(0), imageCount: 0, rays: 0, gpuMilliseconds: 0 };
    if (requests.length > this.maxBatchImages) throw new RangeError(`batch of ${requests.length} images exceeds the maximum ${this.maxBatchImages}`);
    const device = this.context.device;
    const { width, height } = this.scene.image;

    // Upload the frame uniform and one parameter record per image.
    device.queue.writeBuffer(this.uniform, 0, writeFrameUniform(this.scene, this.settings, requests.length));
    const params = new ArrayBuffer(requests.length * IMAGE_PARAMS_BYTES);
    requests.forEach((request, i) => {
      const shape = this.assets.placements[request.latents.objectShape];
      if (!shape) throw new RangeError(`object_shape ${request.latents.objectShape} is not in the scene's shape table`);
      writeImageParams(params, i * IMAGE_PARAMS_BYTES, this.scene, shape, request.latents, request.index);
    });
    device.queue.writeBuffer(this.imageBuffer, 0, params);
    device.queue.writeBuffer(this.counterBuffer, 0, new Uint32Array(2));

    // Dispatch one invocation per pixel and copy pixels and the ray counter to a mappable buffer.
    const readback = this.readback[this.nextReadback];
    this.nextReadback = (this.nextReadback + 1) % this.readback.length;
    const pixelBytes = requests.length * this.pixelBytesPerImage;
    const encoder = device.createCommandEncoder({ label: 'render batch' });
    const pass = encoder.beginComputePass({ label: 'render pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / WORKGROUP), Math.ceil(height / WORKGROUP), requests.length);
    pass.end();
    encoder.copyBufferToBuffer(this.pixelBuffer, 0, readback, 0, pixelBytes);
    encoder.copyBufferToBuffer(this.counterBuffer, 0, readback, pixelBytes, 8);
    const started = performance.now();
    device.queue.submit([encoder.finish()]);

    await readback.mapAsync(GPUMapMode.READ, 0, pixelBytes + 8);
    const gpuMilliseconds = performance.now() - started;
    const mapped = readback.getMappedRange(0, pixelBytes + 8);
    const rgba = new Uint8Array(mapped, 0, pixelBytes).slice();
    const counter = new Uint32Array(mapped, pixelBytes, 2);
    const rays = counter[0] + counter[1] * 2 ** 32;
    readback.unmap();
    return { rgba, imageCount: requests.length, rays, gpuMilliseconds };
  }

  /** Releases the GPU buffers and the device. */
  destroy(): void {
    for (const buffer of this.ownedBuffers) buffer.destroy();
    this.context.device.destroy();
  }
}
