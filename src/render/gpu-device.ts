import { create, globals } from 'webgpu';
import { InputError } from '../errors.js';

/** Name, vendor and backend of the adapter in use, for logs, manifests and benchmarks. */
export interface AdapterDescription {
  name: string;
  vendor: string;
  architecture: string;
  backend: string;
}

/** A created GPU device with the adapter it came from. */
export interface GpuContext {
  device: GPUDevice;
  adapter: GPUAdapter;
  description: AdapterDescription;
}

const CPU_DRIVER_HINT =
  'No usable GPU adapter. Install a Vulkan driver; without a GPU on Debian 12 that is Mesa lavapipe from bookworm-backports: ' +
  '`sudo apt-get install -t bookworm-backports mesa-vulkan-drivers` (the stable mesa-vulkan-drivers is too old for Dawn).';

// The object from create() owns Dawn's native instance, and dawn.node frees the instance when that
// object is garbage-collected even while devices made from it still use it. This module-level
// reference keeps it alive for the whole process (docs/dawn-lavapipe-crash.md).
let gpu: GPU | undefined;

/** Returns the process-wide WebGPU entry point of Dawn's Node bindings, creating it on first use. */
export function webgpu(): GPU {
  if (!gpu) {
    Object.assign(globalThis, globals);
    gpu = create([]);
  }
  return gpu;
}

function describe(adapter: GPUAdapter): AdapterDescription {
  const info = adapter.info;
  const name = info.description || info.device || info.architecture || 'unknown adapter';
  // Dawn reports the backend at the end of its description only on some builds; keep what is there.
  return { name, vendor: info.vendor || 'unknown', architecture: info.architecture || '', backend: (info as { backend?: string }).backend ?? 'vulkan' };
}

/** Lists the adapters Dawn offers for each power preference and the fallback (CPU) adapter, without duplicates. */
export async function listAdapters(): Promise<{ adapter: GPUAdapter; description: AdapterDescription }[]> {
  const found: { adapter: GPUAdapter; description: AdapterDescription }[] = [];
  const requests: GPURequestAdapterOptions[] = [
    { powerPreference: 'high-performance' },
    { powerPreference: 'low-power' },
    { forceFallbackAdapter: true },
  ];
  for (const options of requests) {
    const adapter = await webgpu().requestAdapter(options);
    if (!adapter) continue;
    const description = describe(adapter);
    if (!found.some((entry) => entry.description.name === description.name)) found.push({ adapter, description });
  }
  return found;
}

/**
 * Creates a device on the high-performance adapter, or on the first adapter whose name contains
 * `adapterName` (case-insensitive). Throws InputError listing the adapters found when none fits.
 */
export async function createGpuContext(adapterName?: string): Promise<GpuContext> {
  const adapters = await listAdapters();
  if (adapters.length === 0) throw new InputError(CPU_DRIVER_HINT);

  let chosen = adapters[0];
  if (adapterName) {
    const wanted = adapterName.toLowerCase();
    const match = adapters.find((entry) => `${entry.description.name} ${entry.description.vendor}`.toLowerCase().includes(wanted));
    if (!match) {
      const names = adapters.map((entry) => `  ${entry.description.name} (${entry.description.vendor})`).join('\n');
      throw new InputError(`no adapter matches --adapter ${JSON.stringify(adapterName)}; adapters found:\n${names}`);
    }
    chosen = match;
  }

  // Ask for the adapter's own storage limits: the packed meshes and big batches need more than the defaults.
  const limits = chosen.adapter.limits;
  const device = await chosen.adapter.requestDevice({
    label: 'm3di render device',
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    },
  });
  return { device, adapter: chosen.adapter, description: chosen.description };
}
