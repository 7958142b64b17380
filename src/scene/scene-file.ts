import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { Shading } from './mesh.js';

type Vec3 = [number, number, number];

/** One shape of the scene table: `object_shape` id, mesh file and placement. */
export interface ShapeEntry {
  id: number;
  name: string;
  /** Absolute path of the OBJ (or .obj.gz) file. */
  mesh: string;
  /** Uniform placement scale applied to the mesh. */
  scale: number;
  shading: Shading;
  /** Ground depth D (the ground plane sits at z = -D); default: largest bounding-box side after scaling. */
  groundDepth?: number;
}

/** Everything the renderer reads about the scene; units are Blender units (metres), watts and radians. */
export interface SceneDescription {
  /** Absolute path of the scene file, or "<built-in>". */
  file: string;
  name: string;
  image: { width: number; height: number };
  shapes: ShapeEntry[];
  /** Grid spacing of positions (world offset = spacing · pos − spacing) and rotation range (angle = range · r − range/2). */
  placement: { gridSpacing: number; rotationRange: number };
  camera: { position: Vec3; target: Vec3; up: Vec3; focalLengthMm: number; sensorWidthMm: number };
  spotlight: {
    power: number;
    radius: number;
    coneAngleDeg: number;
    blend: number;
    orbitRadius: number;
    heightAboveGround: number;
    saturation: number;
  };
  areaLight: { position: Vec3; size: number; power: number };
  sun: { direction: Vec3; strength: number; angularDiameter: number };
  ground: { saturation: number };
  material: { ior: number; velvetIorOffset: number; roughness: number; velvetSigma: number; glossyColor: number };
  render: { samplesPerPixel: number; bounces: number; filterWidth: number };
}

/** Path of the scene file that ships with m3di. */
export const DEFAULT_SCENE_FILE = fileURLToPath(new URL('../../../scenes/multimodal3dident.json', import.meta.url));

/** Reads fields of a parsed JSON object and reports the first bad one with its dotted path and value. */
class FieldReader {
  constructor(private readonly file: string) {}

  fail(field: string, value: unknown, expected: string): never {
    throw new InputError(`${this.file}: field ${field} is ${JSON.stringify(value) ?? 'missing'}; expected ${expected}. Fix the scene file.`);
  }

  object(parent: Record<string, unknown>, key: string, field: string): Record<string, unknown> {
    const value = parent[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, value, 'an object');
    return value as Record<string, unknown>;
  }

  number(parent: Record<string, unknown>, key: string, field: string, min = -Infinity, max = Infinity): number {
    const value = parent[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(field, value, `a number in [${min}, ${max}]`);
    }
    return value;
  }

  integer(parent: Record<string, unknown>, key: string, field: string, min: number, max: number): number {
    const value = this.number(parent, key, field, min, max);
    if (!Number.isInteger(value)) this.fail(field, value, `an integer in [${min}, ${max}]`);
    return value;
  }

  string(parent: Record<string, unknown>, key: string, field: string): string {
    const value = parent[key];
    if (typeof value !== 'string' || value.length === 0) this.fail(field, value, 'a non-empty string');
    return value;
  }

  vec3(parent: Record<string, unknown>, key: string, field: string): Vec3 {
    const value = parent[key];
    if (!Array.isArray(value) || value.length !== 3 || !value.every((c) => typeof c === 'number' && Number.isFinite(c))) {
      this.fail(field, value, 'an array of three finite numbers');
    }
    return value as Vec3;
  }
}

/** Validates a parsed scene object; relative mesh paths resolve against `baseFolder`. */
export function parseScene(json: unknown, file: string, baseFolder: string): SceneDescription {
  const read = new FieldReader(file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) read.fail('(top level)', json, 'an object');
  const root = json as Record<string, unknown>;

  const image = read.object(root, 'image', 'image');
  const shapesValue = root.shapes;
  if (!Array.isArray(shapesValue) || shapesValue.length === 0) read.fail('shapes', shapesValue, 'a non-empty array');
  const shapes = (shapesValue as unknown[]).map((entry, index): ShapeEntry => {
    const field = `shapes[${index}]`;
    if (typeof entry !== 'object' || entry === null) read.fail(field, entry, 'an object');
    const shape = entry as Record<string, unknown>;
    const shading = shape.shading ?? 'smooth';
    if (shading !== 'smooth' && shading !== 'flat') read.fail(`${field}.shading`, shading, '"smooth" or "flat"');
    const id = read.integer(shape, 'id', `${field}.id`, 0, 255);
    if (id !== index) read.fail(`${field}.id`, id, `${index} (shapes are listed in id order)`);
    return {
      id,
      name: read.string(shape, 'name', `${field}.name`),
      mesh: path.resolve(baseFolder, read.string(shape, 'mesh', `${field}.mesh`)),
      scale: read.number(shape, 'scale', `${field}.scale`, 1e-6),
      shading: shading as Shading,
      groundDepth: shape.groundDepth === undefined ? undefined : read.number(shape, 'groundDepth', `${field}.groundDepth`, 0),
    };
  });

  const placement = read.object(root, 'placement', 'placement');
  const camera = read.object(root, 'camera', 'camera');
  const spotlight = read.object(root, 'spotlight', 'spotlight');
  const areaLight = read.object(root, 'areaLight', 'areaLight');
  const sun = read.object(root, 'sun', 'sun');
  const ground = read.object(root, 'ground', 'ground');
  const material = read.object(root, 'material', 'material');
  const render = read.object(root, 'render', 'render');

  return {
    file,
    name: typeof root.name === 'string' ? root.name : path.basename(file),
    image: { width: read.integer(image, 'width', 'image.width', 1, 8192), height: read.integer(image, 'height', 'image.height', 1, 8192) },
    shapes,
    placement: {
      gridSpacing: read.number(placement, 'gridSpacing', 'placement.gridSpacing'),
      rotationRange: read.number(placement, 'rotationRange', 'placement.rotationRange'),
    },
    camera: {
      position: read.vec3(camera, 'position', 'camera.position'),
      target: read.vec3(camera, 'target', 'camera.target'),
      up: read.vec3(camera, 'up', 'camera.up'),
      focalLengthMm: read.number(camera, 'focalLengthMm', 'camera.focalLengthMm', 1e-3),
      sensorWidthMm: read.number(camera, 'sensorWidthMm', 'camera.sensorWidthMm', 1e-3),
    },
    spotlight: {
      power: read.number(spotlight, 'power', 'spotlight.power', 0),
      radius: read.number(spotlight, 'radius', 'spotlight.radius', 0),
      coneAngleDeg: read.number(spotlight, 'coneAngleDeg', 'spotlight.coneAngleDeg', 0, 180),
      blend: read.number(spotlight, 'blend', 'spotlight.blend', 0, 1),
      orbitRadius: read.number(spotlight, 'orbitRadius', 'spotlight.orbitRadius'),
      heightAboveGround: read.number(spotlight, 'heightAboveGround', 'spotlight.heightAboveGround'),
      saturation: read.number(spotlight, 'saturation', 'spotlight.saturation', 0, 1),
    },
    areaLight: {
      position: read.vec3(areaLight, 'position', 'areaLight.position'),
      size: read.number(areaLight, 'size', 'areaLight.size', 0),
      power: read.number(areaLight, 'power', 'areaLight.power', 0),
    },
    sun: {
      direction: read.vec3(sun, 'direction', 'sun.direction'),
      strength: read.number(sun, 'strength', 'sun.strength', 0),
      angularDiameter: read.number(sun, 'angularDiameter', 'sun.angularDiameter', 0, Math.PI),
    },
    ground: { saturation: read.number(ground, 'saturation', 'ground.saturation', 0, 1) },
    material: {
      ior: read.number(material, 'ior', 'material.ior', 1),
      velvetIorOffset: read.number(material, 'velvetIorOffset', 'material.velvetIorOffset', 0),
      roughness: read.number(material, 'roughness', 'material.roughness', 0, 1),
      velvetSigma: read.number(material, 'velvetSigma', 'material.velvetSigma', 1e-3, 1),
      glossyColor: read.number(material, 'glossyColor', 'material.glossyColor', 0, 1),
    },
    render: {
      samplesPerPixel: read.integer(render, 'samplesPerPixel', 'render.samplesPerPixel', 1, 1 << 20),
      bounces: read.integer(render, 'bounces', 'render.bounces', 0, 64),
      filterWidth: read.number(render, 'filterWidth', 'render.filterWidth', 0, 16),
    },
  };
}

/** Reads and validates a scene file (JSON); relative mesh paths resolve against the file's folder. */
export function loadScene(file: string = DEFAULT_SCENE_FILE): SceneDescription {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read scene file ${absolute}: ${(error as Error).message}. Give an existing JSON file with --scene.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${absolute}: invalid JSON: ${(error as Error).message}`);
  }
  return parseScene(json, absolute, path.dirname(absolute));
}
