// Host side of shaders/aux-outputs.wgsl: object mask, linear depth and world-space normals from the
// primary ray through each pixel centre. A module and pipeline of their own, so that the render
// kernel stays as it is.
import fs from 'node:fs';
import type { SceneDescription } from '../scene/scene-file.js';
import { FRAME_UNIFORM_BYTES, writeFrameUniform, type FrameSettings } from './frame-uniforms.js';
import { createGpuContext, type AdapterDescription, type GpuContext } from './gpu-device.js';
import { IMAGE_PARAMS_BYTES, writeImageParams } from './image-params.js';
import type { RenderRequest } from './renderer.js';
import { loadSceneAssets, type SceneAssets } from './scene-assets.js';
import { shaderFolder } from './shader-source.js';

/** WGSL files of the aux module in dependency order: the render kernel's scene code, then the entry point. */
export const AUX_SHADER_FILES = ['bindings.wgsl', 'camera.wgsl', 'bvh.wgsl', 'scene.wgsl', 'aux-outputs.wgsl'];

/** Options of {@link AuxRenderer.create}. */
export interface AuxRendererOptions {
  scene: SceneDescription;
  /** Substring of the adapter name to use; default: the high-performance adapter. */
  adapter?: string;
  /** Maximum images per dispatch; default 32. */
  maxBatchImages?: number;
  /** Preloaded meshes and BVHs, to share with a Renderer of the same scene. */
  assets?: SceneAssets;
}

/** Per-pixel outputs of a batch, each image after the other in request order, rows top to bottom. */
export interface AuxBatch {
  imageCount: number;
  /** 255 where the object is the nearest surface, else 0; one byte a pixel. */
  mask: Uint8Array;
  /** Distance along the camera's viewing axis in metres, 0 where the ray hits nothing. */
  depth: Float32Array;
  /** World-space shading normal n facing the camera, stored as round(255 · (n · 0.5 + 0.5)) in RGB; 0 where nothing is hit. */
  normal: Uint8Array;
}

const WORKGROUP = 8;
const BYTES_PER_PIXEL = 16;
const DEFAULT_BATCH_IMAGES = 32;

/** Returns the WGSL source of the aux module. */
export function auxShaderSource(folder = shaderFolder()): string {
  return AUX_SHADER_FILES.map((name) => `// ---- ${name}\n${fs.readFileSync(`${folder}/${name}`, 'utf8')}`).join('\n');
}

function uploadBuffer(device: GPUDevice, label: string, data: ArrayBufferView): GPUBuffer {
  const buffer = device.createBuffer({ label, size: Math.max(16, Math.ceil(data.byteLength / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Computes masks, depth and normals of Multimodal3DIdent samples in batches, one dispatch per batch. */
export class AuxRenderer {
  readonly adapter: AdapterDescription;
  readonly maxBatchImages: number;
  private readonly settings: FrameSettings = { samplesPerPixel: 1, bounces: 0, sampleSeed: 0, filterTableSize: 2 };
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private readonly uniform: GPUBuffer;
  private readonly imageBuffer: GPUBuffer;
  private readonly outputBuffer: GPUBuffer;
  private readonly readback: GPUBuffer;
  private readonly ownedBuffers: GPUBuffer[];

  private constructor(private readonly context: GpuContext, readonly scene: SceneDescription, readonly assets: SceneAssets, options: AuxRendererOptions) {
    const device = context.device;
    this.adapter = context.description;
    const pixels = scene.image.width * scene.image.height;
    const byStorage = Math.floor(device.limits.maxStorageBufferBindingSize / (pixels * BYTES_PER_PIXEL));
    this.maxBatchImages = Math.max(1, Math.min(options.maxBatchImages ?? DEFAULT_BATCH_IMAGES, byStorage, device.limits.maxComputeWorkgroupsPerDimension));

    const nodes = uploadBuffer(device, 'BVH nodes', assets.packed.nodes);
    const triangles = uploadBuffer(device, 'triangles', assets.packed.triangles);
    const normals = uploadBuffer(device, 'vertex normals', assets.packed.normals);
    const outputBytes = this.maxBatchImages * pixels * BYTES_PER_PIXEL;
    this.uniform = device.createBuffer({ label: 'aux frame uniform', size: FRAME_UNIFORM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.imageBuffer = device.createBuffer({ label: 'aux image parameters', size: this.maxBatchImages * IMAGE_PARAMS_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.outputBuffer = device.createBuffer({ label: 'aux pixels', size: outputBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    this.readback = device.createBuffer({ label: 'aux readback', size: outputBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.ownedBuffers = [nodes, triangles, normals, this.uniform, this.imageBuffer, this.outputBuffer, this.readback];

    // The layout lists only the bindings the entry point uses: the scene, the images and the output.
    const module = device.createShaderModule({ label: 'aux outputs', code: auxShaderSource() });
    this.pipeline = device.createComputePipeline({ label: 'aux pipeline', layout: 'auto', compute: { module, entryPoint: 'aux_outputs' } });
    const bindings: [number, GPUBuffer][] = [[0, this.uniform], [1, nodes], [2, triangles], [3, normals], [4, this.imageBuffer], [8, this.outputBuffer]];
    this.bindGroup = device.createBindGroup({
      label: 'aux bindings',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: bindings.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
    });
  }

  /** Creates the renderer: picks the adapter, loads meshes and BVHs (unless given), uploads them and compiles the module. */
  static async create(options: AuxRendererOptions): Promise<AuxRenderer> {
    const assets = options.assets ?? loadSceneAssets(options.scene);
    const context = await createGpuContext(options.adapter);
    context.device.pushErrorScope('validation');
    const renderer = new AuxRenderer(context, options.scene, assets, options);
    const error = await context.device.popErrorScope();
    if (error) {
      renderer.destroy();
      throw new Error(`aux output kernel failed to compile or validate: ${error.message}`);
    }
    return renderer;
  }

  /** Computes the outputs of up to `maxBatchImages` samples in one dispatch. */
  async renderBatch(requests: readonly RenderRequest[]): Promise<AuxBatch> {
    if (requests.length > this.maxBatchImages) throw new RangeError(`batch of ${requests.length} images exceeds the maximum ${this.maxBatchImages}`);
    const device = this.context.device;
    const { width, height } = this.scene.image;
    const pixels = width * height;
    const count = requests.length;
    if (count === 0) return { imageCount: 0, mask: new Uint8Array(0), depth: new Float32Array(0), normal: new Uint8Array(0) };

    device.queue.writeBuffer(this.uniform, 0, writeFrameUniform(this.scene, this.settings, count));
    const params = new ArrayBuffer(count * IMAGE_PARAMS_BYTES);
    requests.forEach((request, i) => {
      const shape = this.assets.placements[request.latents.objectShape];
      if (!shape) throw new RangeError(`object_shape ${request.latents.objectShape} is not in the scene's shape table`);
      writeImageParams(params, i * IMAGE_PARAMS_BYTES, this.scene, shape, request.latents, request.index);
    });
    device.queue.writeBuffer(this.imageBuffer, 0, params);

    const bytes = count * pixels * BYTES_PER_PIXEL;
    const encoder = device.createCommandEncoder({ label: 'aux batch' });
    const pass = encoder.beginComputePass({ label: 'aux pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / WORKGROUP), Math.ceil(height / WORKGROUP), count);
    pass.end();
    encoder.copyBufferToBuffer(this.outputBuffer, 0, this.readback, 0, bytes);
    device.queue.submit([encoder.finish()]);

    await this.readback.mapAsync(GPUMapMode.READ, 0, bytes);
    const words = new Uint32Array(this.readback.getMappedRange(0, bytes));
    const floats = new Float32Array(words.buffer, words.byteOffset, words.length);
    const batch: AuxBatch = { imageCount: count, mask: new Uint8Array(count * pixels), depth: new Float32Array(count * pixels), normal: new Uint8Array(count * pixels * 3) };
    for (let p = 0; p < count * pixels; p++) {
      batch.depth[p] = floats[4 * p];
      const packed = words[4 * p + 1];
      batch.normal[3 * p] = packed & 0xff;
      batch.normal[3 * p + 1] = (packed >>> 8) & 0xff;
      batch.normal[3 * p + 2] = (packed >>> 16) & 0xff;
      batch.mask[p] = words[4 * p + 2] === 0 ? 0 : 255;
    }
    this.readback.unmap();
    return batch;
  }

  /** Releases the GPU buffers and the device. */
  destroy(): void {
    for (const buffer of this.ownedBuffers) buffer.destroy();
    this.context.device.destroy();
  }
}
