import type { ImageLatents } from '../../src/latents/types.js';
import { cameraAxes } from '../../src/render/frame-uniforms.js';
import { placement } from '../../src/render/image-params.js';
import type { SceneAssets } from '../../src/render/scene-assets.js';
import type { SceneDescription } from '../../src/scene/scene-file.js';

/** A latent row with every factor at the middle of its range unless overridden. */
export function latentRow(overrides: Partial<ImageLatents> = {}): ImageLatents {
  return {
    objectShape: 0,
    objectXpos: 1,
    objectYpos: 1,
    objectZpos: 0,
    objectAlpharot: 0.5,
    objectBetarot: 0.5,
    objectGammarot: 0.5,
    objectColor: 0.0,
    spotlightPos: 0.5,
    spotlightColor: 0.5,
    backgroundColor: 0.5,
    ...overrides,
  };
}

/** Pixel coordinates (x right, y down) of world point `p` through the scene camera. */
export function projectToPixel(scene: SceneDescription, p: number[]): [number, number] {
  const { forward, right, up } = cameraAxes(scene);
  const d = p.map((c, k) => c - scene.camera.position[k]);
  const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const tanHalf = scene.camera.sensorWidthMm / 2 / scene.camera.focalLengthMm;
  const depth = dot(d, forward);
  const x = dot(d, right) / depth / tanHalf;
  const y = (dot(d, up) / depth / tanHalf) * (scene.image.width / scene.image.height);
  return [((x + 1) / 2) * scene.image.width, ((1 - y) / 2) * scene.image.height];
}

/** Pixel rectangle [xMin, yMin, xMax, yMax] covering the projection of the placed object's bounding box. */
export function projectedBounds(scene: SceneDescription, assets: SceneAssets, row: ImageLatents): [number, number, number, number] {
  const shape = assets.packed.shapes[row.objectShape];
  const { scale, groundDepth } = assets.placements[row.objectShape];
  const { location, rotation: r } = placement(scene, row, groundDepth);
  const box = [0, 0, 0, 0];
  [box[0], box[1], box[2], box[3]] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let corner = 0; corner < 8; corner++) {
    const local = [0, 1, 2].map((axis) => scale * ((corner >> axis) & 1 ? shape.boundsMax[axis] : shape.boundsMin[axis]));
    const world = [0, 1, 2].map((i) => location[i] + r[3 * i] * local[0] + r[3 * i + 1] * local[1] + r[3 * i + 2] * local[2]);
    const [x, y] = projectToPixel(scene, world);
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box as [number, number, number, number];
}

/** RGB of pixel (x, y) of image `image` in a batch of RGBA8 images of the given size. */
export function pixelAt(rgba: Uint8Array, image: number, width: number, height: number, x: number, y: number): [number, number, number] {
  const o = ((image * height + y) * width + x) * 4;
  return [rgba[o], rgba[o + 1], rgba[o + 2]];
}

/** sRGB 8-bit value to linear light. */
export function srgbToLinear(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Hue in [0, 1) of an RGB triple, as colorsys.rgb_to_hsv computes it. */
export function hueOf([r, g, b]: number[]): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  let h: number;
  if (max === r) h = (g - b) / d;
  else if (max === g) h = 2 + (b - r) / d;
  else h = 4 + (r - g) / d;
  return (((h / 6) % 1) + 1) % 1;
}
