import type { SceneDescription } from '../scene/scene-file.js';
import { areaRadiance, spotCone, spotIntensity, sunIrradiance } from './light-units.js';

/** Size in bytes of the `Frame` uniform in shaders/bindings.wgsl (14 vec4). */
export const FRAME_UNIFORM_BYTES = 14 * 16;

/** Per-render settings that are not part of the scene file. */
export interface FrameSettings {
  samplesPerPixel: number;
  bounces: number;
  /** Seed mixed into every pixel's random numbers; a different seed gives an independent render. */
  sampleSeed: number;
  filterTableSize: number;
}

type Vec3 = [number, number, number];

function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / length, v[1] / length, v[2] / length];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Camera frame: forward, right and up unit vectors from position, target and world up. */
export function cameraAxes(scene: SceneDescription): { forward: Vec3; right: Vec3; up: Vec3 } {
  const { position, target, up } = scene.camera;
  const forward = normalize([target[0] - position[0], target[1] - position[1], target[2] - position[2]]);
  const right = normalize(cross(forward, up));
  return { forward, right, up: cross(right, forward) };
}

/** Fills the `Frame` uniform (layout in shaders/bindings.wgsl) for one batch of `imageCount` images. */
export function writeFrameUniform(scene: SceneDescription, settings: FrameSettings, imageCount: number): ArrayBuffer {
  const buffer = new ArrayBuffer(FRAME_UNIFORM_BYTES);
  const f = new Float32Array(buffer);
  const u = new Uint32Array(buffer);
  const { forward, right, up } = cameraAxes(scene);
  const tanHalfFov = scene.camera.sensorWidthMm / 2 / scene.camera.focalLengthMm;
  const cone = spotCone(scene);
  const material = scene.material;
  const sunTowards = normalize([-scene.sun.direction[0], -scene.sun.direction[1], -scene.sun.direction[2]]);

  f.set([...scene.camera.position, tanHalfFov], 0);
  f.set([...forward, 0], 4);
  f.set([...right, 0], 8);
  f.set([...up, 0], 12);
  f.set([...scene.areaLight.position, scene.areaLight.size], 16);
  f.set([0, 0, 0, areaRadiance(scene.areaLight.power, scene.areaLight.size ** 2)], 20);
  f.set([...sunTowards, Math.cos(scene.sun.angularDiameter / 2)], 24);
  f.set([sunIrradiance(scene.sun.strength), 0, 0, 0], 28);
  f.set([scene.spotlight.radius, cone.cosHalfAngle, cone.smoothWidth, spotIntensity(scene.spotlight.power)], 32);

  // The material's roughness input r reaches the Glossy node as √r, and Cycles squares the Glossy
  // roughness into Beckmann α (intern/cycles/kernel/svm/closure.h), so α = r.
  const alpha = Math.max(material.roughness, 1e-4);
  f.set([material.ior, material.ior + material.velvetIorOffset, alpha, 1 / material.velvetSigma ** 2], 36);
  f.set([material.glossyColor, 0, 0, 0], 40);
  u.set([scene.image.width, scene.image.height, settings.samplesPerPixel, settings.bounces], 44);
  u.set([imageCount, settings.filterTableSize, settings.sampleSeed >>> 0, 0], 48);
  f.set([2 * scene.render.filterWidth, 0, 0, 0], 52);
  return buffer;
}
