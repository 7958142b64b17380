import type { TriangleMesh } from '../../src/scene/mesh.js';

/** A pinhole camera: position, look-at target, world up vector and horizontal field of view in radians. */
export interface PreviewCamera {
  eye: [number, number, number];
  target: [number, number, number];
  up: [number, number, number];
  fieldOfView: number;
}

/** An RGB image with 8-bit channels, row-major from the top-left pixel. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

type Vector = [number, number, number];

/** Grey level of pixels that no triangle covers. */
const BACKGROUND = 0.45;

const subtract = (a: Vector, b: Vector): Vector => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vector, b: Vector): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vector, b: Vector): Vector => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const normalize = (a: Vector): Vector => {
  const length = Math.sqrt(dot(a, a));
  return [a[0] / length, a[1] / length, a[2] / length];
};

/**
 * Renders a mesh, scaled by `scale` about its origin, with a z-buffer and two-sided Lambert shading
 * of the interpolated vertex normals. A headlight from the camera plus a light from above-left
 * give the shape relief. Back faces are tinted red, which shows triangles wound inside out.
 * The image is rendered at `supersampling`² samples per pixel and averaged.
 */
export function renderPreview(mesh: TriangleMesh, scale: number, camera: PreviewCamera, size: number, supersampling = 3): RgbImage {
  const forward = normalize(subtract(camera.target, camera.eye));
  const right = normalize(cross(forward, camera.up));
  const up = cross(right, forward);
  const focal = 1 / Math.tan(camera.fieldOfView / 2);
  const samples = size * supersampling;
  const keyLight = normalize([-forward[0] + up[0] - right[0], -forward[1] + up[1] - right[1], -forward[2] + up[2] - right[2]]);
  const headLight: Vector = [-forward[0], -forward[1], -forward[2]];

  // Project every vertex once: pixel coordinates and view depth.
  const vertexCount = mesh.positions.length / 3;
  const screenX = new Float64Array(vertexCount);
  const screenY = new Float64Array(vertexCount);
  const depth = new Float64Array(vertexCount);
  for (let v = 0; v < vertexCount; v += 1) {
    const world: Vector = [scale * mesh.positions[3 * v], scale * mesh.positions[3 * v + 1], scale * mesh.positions[3 * v + 2]];
    const relative = subtract(world, camera.eye);
    depth[v] = dot(relative, forward);
    screenX[v] = (0.5 + 0.5 * focal * dot(relative, right) / depth[v]) * samples;
    screenY[v] = (0.5 - 0.5 * focal * dot(relative, up) / depth[v]) * samples;
  }

  const zBuffer = new Float64Array(samples * samples).fill(Infinity);
  const shade = new Float32Array(3 * samples * samples).fill(BACKGROUND);
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = [mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]];
    if (depth[a] <= 0 || depth[b] <= 0 || depth[c] <= 0) continue;
    const area = (screenX[b] - screenX[a]) * (screenY[c] - screenY[a]) - (screenX[c] - screenX[a]) * (screenY[b] - screenY[a]);
    if (area === 0) continue;

    // In image coordinates (y down) a counter-clockwise triangle seen from outside has negative area.
    const backFacing = area > 0;
    const xMin = Math.max(0, Math.floor(Math.min(screenX[a], screenX[b], screenX[c])));
    const xMax = Math.min(samples - 1, Math.ceil(Math.max(screenX[a], screenX[b], screenX[c])));
    const yMin = Math.max(0, Math.floor(Math.min(screenY[a], screenY[b], screenY[c])));
    const yMax = Math.min(samples - 1, Math.ceil(Math.max(screenY[a], screenY[b], screenY[c])));
    for (let y = yMin; y <= yMax; y += 1) {
      for (let x = xMin; x <= xMax; x += 1) {
        const px = x + 0.5;
        const py = y + 0.5;
        const wa = ((screenX[b] - px) * (screenY[c] - py) - (screenX[c] - px) * (screenY[b] - py)) / area;
        const wb = ((screenX[c] - px) * (screenY[a] - py) - (screenX[a] - px) * (screenY[c] - py)) / area;
        const wc = 1 - wa - wb;
        if (wa < 0 || wb < 0 || wc < 0) continue;

        const z = wa * depth[a] + wb * depth[b] + wc * depth[c];
        const pixel = y * samples + x;
        if (z >= zBuffer[pixel]) continue;
        zBuffer[pixel] = z;

        let normal = normalize([0, 1, 2].map((axis) => wa * mesh.normals[3 * a + axis] + wb * mesh.normals[3 * b + axis] + wc * mesh.normals[3 * c + axis]) as Vector);
        if (dot(normal, headLight) < 0) normal = [-normal[0], -normal[1], -normal[2]];
        const intensity = 0.08 + 0.3 * Math.max(0, dot(normal, headLight)) + 0.75 * Math.max(0, dot(normal, keyLight));
        shade[3 * pixel] = Math.min(1, intensity * (backFacing ? 1.0 : 0.95));
        shade[3 * pixel + 1] = Math.min(1, intensity * (backFacing ? 0.3 : 0.9));
        shade[3 * pixel + 2] = Math.min(1, intensity * (backFacing ? 0.3 : 0.8));
      }
    }
  }

  return downsample(shade, samples, supersampling);
}

function downsample(shade: Float32Array, samples: number, factor: number): RgbImage {
  const size = samples / factor;
  const pixels = new Uint8Array(3 * size * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      for (let channel = 0; channel < 3; channel += 1) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy += 1) {
          for (let dx = 0; dx < factor; dx += 1) sum += shade[3 * ((y * factor + dy) * samples + x * factor + dx) + channel];
        }
        pixels[3 * (y * size + x) + channel] = Math.round(255 * sum / (factor * factor));
      }
    }
  }
  return { width: size, height: size, pixels };
}
