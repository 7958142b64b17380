// Masks, depth and normals from primary rays, checked on a sphere, whose silhouette, surface points
// and normals are known exactly, and against the path tracer's own object pixels.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { decodeNpyFloat32 } from '../src/io/npy.js';
import type { ImageLatents } from '../src/latents/types.js';
import { AuxRenderer, type AuxBatch } from '../src/render/aux-renderer.js';
import { cameraAxes } from '../src/render/frame-uniforms.js';
import { placement } from '../src/render/image-params.js';
import { Renderer } from '../src/render/renderer.js';
import { DEFAULT_SCENE_FILE, loadScene, type SceneDescription } from '../src/scene/scene-file.js';
import { makeTempDir, runM3di } from './helpers/dataset.js';
import { latentRow, pixelAt, projectedBounds } from './helpers/render.js';

const RADIUS = 1;
const GROUND_DEPTH = 1.5;
const folder = makeTempDir('m3di-aux-');
const scene = sphereScene(folder);
const { width, height } = scene.image;
const pixels = width * height;
const rows: ImageLatents[] = [latentRow({ objectXpos: 1, objectYpos: 1 }), latentRow({ objectXpos: 0, objectYpos: 2, spotlightPos: 0.2 })];
let aux: AuxRenderer;
let batch: AuxBatch;

/** Returns the OBJ text of a sphere of radius RADIUS with shared pole and seam vertices and exact vertex normals. */
function sphereObj(rings: number, segments: number): string {
  const lines: string[] = [];
  const vertex = (theta: number, phi: number) => {
    const n = [Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)];
    lines.push(`v ${n.map((c) => RADIUS * c).join(' ')}`, `vn ${n.join(' ')}`);
  };
  vertex(0, 0);
  for (let ring = 1; ring < rings; ring++) for (let segment = 0; segment < segments; segment++) vertex((Math.PI * ring) / rings, (2 * Math.PI * segment) / segments);
  vertex(Math.PI, 0);

  // 1-based OBJ indices: 1 is the north pole, then the rings, then the south pole. Faces wind counter-clockwise seen from outside.
  const south = 2 + (rings - 1) * segments;
  const at = (ring: number, segment: number) => 2 + (ring - 1) * segments + (segment % segments);
  const face = (...corners: number[]) => lines.push(`f ${corners.map((c) => `${c}//${c}`).join(' ')}`);
  for (let segment = 0; segment < segments; segment++) {
    face(1, at(1, segment), at(1, segment + 1));
    for (let ring = 1; ring < rings - 1; ring++) {
      face(at(ring, segment), at(ring + 1, segment), at(ring + 1, segment + 1));
      face(at(ring, segment), at(ring + 1, segment + 1), at(ring, segment + 1));
    }
    face(at(rings - 1, segment), south, at(rings - 1, segment + 1));
  }
  return lines.join('\n') + '\n';
}

/** Writes a sphere OBJ and a copy of the default scene whose seven shapes are that sphere; returns the scene. */
function sphereScene(dir: string): SceneDescription {
  fs.writeFileSync(path.join(dir, 'sphere.obj'), sphereObj(32, 64));

  const json = JSON.parse(fs.readFileSync(DEFAULT_SCENE_FILE, 'utf8'));
  json.shapes = json.shapes.map((shape: { id: number; name: string }) => ({ id: shape.id, name: shape.name, mesh: 'sphere.obj', scale: 1, shading: 'smooth', groundDepth: GROUND_DEPTH }));
  fs.writeFileSync(path.join(dir, 'scene.json'), JSON.stringify(json));
  return loadScene(path.join(dir, 'scene.json'));
}

/** Unit direction of the primary ray through the centre of pixel (x, y), as the shaders build it. */
function pixelRay(x: number, y: number): number[] {
  const { forward, right, up } = cameraAxes(scene);
  const tanHalf = scene.camera.sensorWidthMm / 2 / scene.camera.focalLengthMm;
  const u = (2 * (x + 0.5)) / width - 1;
  const v = (1 - (2 * (y + 0.5)) / height) * (height / width);
  const d = [0, 1, 2].map((k) => forward[k] + u * tanHalf * right[k] + v * tanHalf * up[k]);
  const length = Math.hypot(d[0], d[1], d[2]);
  return d.map((c) => c / length);
}

/** World point seen at pixel (x, y) at linear depth `depth` (along the viewing axis). */
function pointAt(x: number, y: number, depth: number): number[] {
  const direction = pixelRay(x, y);
  const { forward } = cameraAxes(scene);
  const distance = depth / (direction[0] * forward[0] + direction[1] * forward[1] + direction[2] * forward[2]);
  return direction.map((c, k) => scene.camera.position[k] + distance * c);
}

function decodeNormal(image: number, p: number): number[] {
  const o = 3 * (image * pixels + p);
  return [0, 1, 2].map((k) => (batch.normal[o + k] / 255) * 2 - 1);
}

test.before(async () => {
  aux = await AuxRenderer.create({ scene });
  batch = await aux.renderBatch(rows.map((latents, index) => ({ index, latents })));
});

test.after(() => {
  aux.destroy();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('mask lies inside the projected bounding box', () => {
  rows.forEach((row, image) => {
    const [x0, y0, x1, y1] = projectedBounds(scene, aux.assets, row);
    let count = 0;
    for (let p = 0; p < pixels; p++) {
      const value = batch.mask[image * pixels + p];
      assert.ok(value === 0 || value === 255, `mask value ${value}`);
      if (value === 0) continue;
      count++;
      const x = p % width;
      const y = Math.floor(p / width);
      assert.ok(x >= x0 - 1 && x <= x1 + 1, `image ${image}: mask pixel (${x}, ${y}) left or right of the box`);
      assert.ok(y >= y0 - 1 && y <= y1 + 1, `image ${image}: mask pixel (${x}, ${y}) above or below the box`);
    }
    assert.ok(count > 500, `image ${image}: only ${count} mask pixels`);
  });
});

test('object depth and normals fit the sphere', () => {
  rows.forEach((row, image) => {
    const { location: center } = placement(scene, row, GROUND_DEPTH);
    let checked = 0;
    for (let p = 0; p < pixels; p++) {
      if (batch.mask[image * pixels + p] === 0) continue;
      const point = pointAt(p % width, Math.floor(p / width), batch.depth[image * pixels + p]);
      const offset = point.map((c, k) => c - center[k]);
      const distance = Math.hypot(offset[0], offset[1], offset[2]);
      assert.ok(Math.abs(distance - RADIUS) < 0.01, `image ${image} pixel ${p}: surface point ${distance} from the centre`);
      const normal = decodeNormal(image, p);
      const error = Math.max(...normal.map((c, k) => Math.abs(c - offset[k] / distance)));
      assert.ok(error < 0.03, `image ${image} pixel ${p}: normal off by ${error}`);
      checked++;
    }
    assert.ok(checked > 500);
  });
});

test('ground normals are +Z and depth lies on the plane', () => {
  let groundPixels = 0;
  for (let p = 0; p < pixels; p++) {
    if (batch.mask[p] !== 0) continue;
    groundPixels++;
    assert.equal(Array.from(batch.normal.subarray(3 * p, 3 * p + 3)), [128, 128, 255], `pixel ${p}`);
    const depth = batch.depth[p];
    const z = pointAt(p % width, Math.floor(p / width), depth)[2];
    assert.ok(Math.abs(z + GROUND_DEPTH) < 1e-4 * depth + 1e-4, `pixel ${p}: ground point at z = ${z}`);
  }
  assert.ok(groundPixels > pixels / 2);
});

test('ground depth grows away from the camera', () => {
  // Up the image means farther along the ground, so depth increases from the bottom row to the top.
  for (const x of [0, 60, 112, 170, 223]) {
    let previous = 0;
    for (let y = height - 1; y >= 0; y--) {
      const p = y * width + x;
      if (batch.mask[p] !== 0) continue;
      assert.ok(batch.depth[p] > previous, `column ${x}, row ${y}: depth ${batch.depth[p]} after ${previous}`);
      previous = batch.depth[p];
    }
  }
});

test('mask matches the path tracer object pixels', async () => {
  // Two renders that differ only in object hue: the pixels that change are the object's.
  const renderer = await Renderer.create({ scene, samplesPerPixel: 2, assets: aux.assets });
  try {
    const row = rows[0];
    const rgb = await renderer.renderBatch([{ index: 0, latents: { ...row, objectColor: 0 } }, { index: 0, latents: { ...row, objectColor: 1 / 3 } }]);
    const near = (x: number, y: number, radius: number, value: number) => {
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const [u, v] = [x + dx, y + dy];
          if (u >= 0 && v >= 0 && u < width && v < height && batch.mask[v * width + u] === value) return true;
        }
      }
      return false;
    };

    let changed = 0;
    let interior = 0;
    let interiorChanged = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const a = pixelAt(rgb.rgba, 0, width, height, x, y);
        const b = pixelAt(rgb.rgba, 1, width, height, x, y);
        const differs = Math.max(...a.map((c, k) => Math.abs(c - b[k]))) > 8;
        // The pixel filter spreads object colour about 2 pixels past the silhouette.
        if (differs) {
          changed++;
          assert.ok(near(x, y, 2, 255), `pixel (${x}, ${y}) changes with the object hue but is not near the mask`);
        }
        if (!near(x, y, 2, 0)) {
          interior++;
          if (differs) interiorChanged++;
        }
      }
    }
    assert.ok(changed > 500, `only ${changed} pixels change with the object hue`);
    assert.ok(interiorChanged > 0.9 * interior, `${interiorChanged} of ${interior} pixels well inside the mask change with the object hue`);
  } finally {
    renderer.destroy();
  }
});

test('images --outputs writes and resumes ground truth', () => {
  const dataset = path.join(folder, 'dataset');
  assert.is(runM3di(['latents', '--output-folder', dataset, '--n-points', '3', '--seed', '7']).status, 0);
  const args = ['images', '--output-folder', dataset, '--scene', path.join(folder, 'scene.json'), '--outputs', 'mask,depth,normal'];
  const first = runM3di(args);
  assert.is(first.status, 0, first.stderr);
  assert.match(first.stdout, 'masks/, depth/, normals/ of samples 0..2: wrote 3, skipped 0 valid existing');
  assert.not.ok(fs.existsSync(path.join(dataset, 'images', '0.png')), 'rgb was not requested');

  const mask = PNG.sync.read(fs.readFileSync(path.join(dataset, 'masks', '2.png')));
  assert.is(mask.width, width);
  assert.ok(mask.data.some((value, i) => i % 4 === 0 && value === 255));
  const depth = decodeNpyFloat32(fs.readFileSync(path.join(dataset, 'depth', '2.npy')));
  assert.equal(depth.shape, [height, width]);
  assert.ok(depth.data.every((value) => value > 0));
  const normals = PNG.sync.read(fs.readFileSync(path.join(dataset, 'normals', '2.png')));
  assert.equal(Array.from(normals.data.subarray(0, 3)), [128, 128, 255]);

  const second = runM3di(args);
  assert.is(second.status, 0, second.stderr);
  assert.match(second.stdout, 'wrote 0, skipped 3 valid existing');
});

test.run();
