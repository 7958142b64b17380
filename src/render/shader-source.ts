import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** WGSL files of the render kernel in dependency order; WGSL has no includes, so the host concatenates them. */
export const RENDER_SHADER_FILES = ['bindings.wgsl', 'rng.wgsl', 'camera.wgsl', 'bvh.wgsl', 'scene.wgsl', 'bsdf.wgsl', 'lights.wgsl', 'integrator.wgsl', 'render.wgsl'];

/** Folder of the WGSL sources; M3DI_SHADER_DIR overrides it for shading ablations. */
export function shaderFolder(): string {
  return process.env.M3DI_SHADER_DIR || fileURLToPath(new URL('../../../shaders/', import.meta.url));
}

/** Returns the render kernel's full WGSL source. */
export function renderShaderSource(folder = shaderFolder()): string {
  return RENDER_SHADER_FILES.map((name) => `// ---- ${name}\n${fs.readFileSync(`${folder}/${name}`, 'utf8')}`).join('\n');
}
