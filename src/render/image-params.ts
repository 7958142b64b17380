import { hsvToRgb } from '../latents/hsv.js';
import type { ImageLatents } from '../latents/types.js';
import type { SceneDescription } from '../scene/scene-file.js';

/** Size in bytes of one `Image` record in shaders/bindings.wgsl. */
export const IMAGE_PARAMS_BYTES = 208;

/** Shape data the per-image record needs: BVH root, shading and ground depth D. */
export interface ShapePlacement {
  rootNode: number;
  flat: boolean;
  /** Ground plane depth D in world units (the plane is z = -D). */
  groundDepth: number;
  scale: number;
  /** Object-space bounding box of the mesh. */
  boundsMin: [number, number, number];
  boundsMax: [number, number, number];
}

/** Python's colorsys hue-to-RGB with negative components clamped to 0, as Blender clamps colour inputs. */
export function clampedHsv(hue: number, saturation: number): [number, number, number] {
  const [r, g, b] = hsvToRgb(hue, saturation, 1);
  return [Math.max(r, 0), Math.max(g, 0), Math.max(b, 0)];
}

/** Rotation matrix (row-major 3×3) for Blender XYZ Euler angles in radians: R = Rz · Ry · Rx. */
export function eulerXyz(alpha: number, beta: number, gamma: number): number[] {
  const [ca, sa, cb, sb, cg, sg] = [Math.cos(alpha), Math.sin(alpha), Math.cos(beta), Math.sin(beta), Math.cos(gamma), Math.sin(gamma)];
  return [
    cg * cb, cg * sb * sa - sg * ca, cg * sb * ca + sg * sa,
    sg * cb, sg * sb * sa + cg * ca, sg * sb * ca - cg * sa,
    -sb, cb * sa, cb * ca,
  ];
}

/** World-space placement of one latent row: object location, rotation and spotlight position. */
export function placement(scene: SceneDescription, row: ImageLatents, groundDepth: number) {
  const spacing = scene.placement.gridSpacing;
  const range = scene.placement.rotationRange;
  const location: [number, number, number] = [spacing * row.objectYpos - spacing, spacing * row.objectXpos - spacing, row.objectZpos];
  const rotation = eulerXyz(range * row.objectAlpharot - range / 2, range * row.objectBetarot - range / 2, range * row.objectGammarot - range / 2);
  const theta = Math.PI * row.spotlightPos - Math.PI / 2;
  const orbit = scene.spotlight.orbitRadius;
  const spot: [number, number, number] = [orbit * Math.sin(theta), orbit * Math.cos(theta), scene.spotlight.heightAboveGround + groundDepth];
  return { location, rotation, spot };
}

/** Writes the `Image` record of one sample (dataset index `index`) into `target` at byte `offset`. */
export function writeImageParams(target: ArrayBuffer, offset: number, scene: SceneDescription, shape: ShapePlacement, row: ImageLatents, index: number): void {
  const f = new Float32Array(target, offset, IMAGE_PARAMS_BYTES / 4);
  const u = new Uint32Array(target, offset, IMAGE_PARAMS_BYTES / 4);
  const { location, rotation: r, spot } = placement(scene, row, shape.groundDepth);
  const s = shape.scale;

  // world_to_object rows: Rᵀ/s and the translation −Rᵀ·T/s.
  for (let i = 0; i < 3; i++) {
    const column = [r[i] / s, r[3 + i] / s, r[6 + i] / s];
    const translation = -(column[0] * location[0] + column[1] * location[1] + column[2] * location[2]);
    f.set([...column, translation], 4 * i);
  }

  // normal_to_world rows: R itself (the scale is uniform).
  for (let i = 0; i < 3; i++) f.set([r[3 * i], r[3 * i + 1], r[3 * i + 2], 0], 12 + 4 * i);

  const hueShift = (value: number) => (value - 0.5) / 2;
  f.set([...hsvToRgb(row.objectColor, 1, 1), 0], 24);
  f.set([...clampedHsv(hueShift(row.backgroundColor), scene.ground.saturation), -shape.groundDepth], 28);
  f.set([...spot, 0], 32);
  const axis = [location[0] - spot[0], location[1] - spot[1], location[2] - spot[2]];
  const length = Math.hypot(axis[0], axis[1], axis[2]);
  f.set([axis[0] / length, axis[1] / length, axis[2] / length, 0], 36);
  f.set([...clampedHsv(hueShift(row.spotlightColor), scene.spotlight.saturation), 0], 40);
  u.set([shape.rootNode, shape.flat ? 1 : 0, index >>> 0, 0], 44);
  f.set(boundingSphere(shape, location, r), 48);
}

/**
 * World-space sphere around the placed object's bounding box: xyz centre, w radius. The shader
 * skips the BVH for rays that miss it, so it must never be smaller than the box: the radius is
 * padded by 0.1 % plus 1e-3 to cover the float32 rounding of the centre, the radius and the
 * shader's distance test.
 */
export function boundingSphere(shape: ShapePlacement, location: number[], rotation: number[]): [number, number, number, number] {
  const { boundsMin: low, boundsMax: high, scale } = shape;
  const centre = [0, 1, 2].map((axis) => 0.5 * (low[axis] + high[axis]) * scale);
  const world = [0, 1, 2].map((i) => location[i] + rotation[3 * i] * centre[0] + rotation[3 * i + 1] * centre[1] + rotation[3 * i + 2] * centre[2]);
  const radius = 0.5 * scale * Math.hypot(high[0] - low[0], high[1] - low[1], high[2] - low[2]);
  return [world[0], world[1], world[2], radius * 1.001 + 1e-3];
}
