import type { SceneDescription } from '../scene/scene-file.js';

// Conversions from Blender's light settings to radiometric quantities, as Cycles (Blender 3.x) applies
// them in light_sample() of intern/cycles/kernel/light/light.h. bench/parity checks them against renders.

/** Radiant intensity (W/sr) of a point or spot light of power `watts`: P / (4π), whatever the cone. */
export function spotIntensity(watts: number): number {
  return watts / (4 * Math.PI);
}

/** Radiance (W/m²/sr) of a one-sided area light of power `watts` over `area` m²: P / (4 A). */
export function areaRadiance(watts: number, area: number): number {
  return watts / (4 * area);
}

/** Irradiance (W/m²) of a sun of strength `strength` on a surface facing it. */
export function sunIrradiance(strength: number): number {
  return strength;
}

/**
 * Spot cone as the shader needs it: cosine of the half angle and the smoothstep width in cosine units.
 * Cycles fades the outer `blend · (1 − cos(half angle))` of the cosine range and multiplies by the
 * cosine to the axis (spot_light_attenuation in intern/cycles/kernel/light/light_common.h).
 */
export function spotCone(scene: SceneDescription): { cosHalfAngle: number; smoothWidth: number } {
  const cosHalfAngle = Math.cos((scene.spotlight.coneAngleDeg * Math.PI) / 360);
  return { cosHalfAngle, smoothWidth: (1 - cosHalfAngle) * scene.spotlight.blend };
}
