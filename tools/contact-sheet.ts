// Renders the meshes into one PNG for a visual check: one column per mesh, one row per view.
// Usage: node bin/run-node.js dist/tools/contact-sheet.js [--out FILE.png] [MESH.obj[.gz] ...]
// Without mesh arguments it renders the seven shapes in meshes/, in shape-id order.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { loadObj } from '../src/scene/obj.js';
import { renderPreview, type PreviewCamera, type RgbImage } from './mesh/preview.js';
import { SHAPES, meshPath } from './mesh/shapes.js';

const TILE = 224;
const GAP = 4;

/** Scale applied when a shape is placed in the scene, so the dataset view shows its true on-screen size. */
const PLACEMENT_SCALE = 1.5;

/** Field of view that frames a 4.5-unit object (3.0 × 1.5) from 11.3 units away. */
const CLOSE_UP = 0.5;

const VIEWS: { name: string; camera: PreviewCamera }[] = [
  { name: 'dataset camera', camera: { eye: [8, 0, 8], target: [0, 0, 0], up: [0, 0, 1], fieldOfView: 2 * Math.atan(25 / 35) } },
  { name: 'dataset direction, close-up', camera: { eye: [8, 0, 8], target: [0, 0, 0], up: [0, 0, 1], fieldOfView: CLOSE_UP } },
  { name: 'from -Y (+X to the right)', camera: { eye: [0, -11.3, 0], target: [0, 0, 0], up: [0, 0, 1], fieldOfView: CLOSE_UP } },
  { name: 'from +X', camera: { eye: [11.3, 0, 0], target: [0, 0, 0], up: [0, 0, 1], fieldOfView: CLOSE_UP } },
  { name: 'from below (+X up)', camera: { eye: [0, 0, -11.3], target: [0, 0, 0], up: [1, 0, 0], fieldOfView: CLOSE_UP } },
];

function parseArguments(argv: string[]): { out: string; files: string[] } {
  let out = path.join('docs', 'images', 'meshes-contact-sheet.png');
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out') out = argv[++i];
    else files.push(argv[i]);
  }
  return { out, files: files.length > 0 ? files : SHAPES.map((shape) => meshPath(shape)) };
}

function pasteTile(sheet: PNG, tile: RgbImage, column: number, row: number): void {
  const left = GAP + column * (TILE + GAP);
  const top = GAP + row * (TILE + GAP);
  for (let y = 0; y < tile.height; y += 1) {
    for (let x = 0; x < tile.width; x += 1) {
      const target = 4 * ((top + y) * sheet.width + left + x);
      const source = 3 * (y * tile.width + x);
      sheet.data[target] = tile.pixels[source];
      sheet.data[target + 1] = tile.pixels[source + 1];
      sheet.data[target + 2] = tile.pixels[source + 2];
    }
  }
}

const { out, files } = parseArguments(process.argv.slice(2));
const sheet = new PNG({
  width: GAP + files.length * (TILE + GAP),
  height: GAP + VIEWS.length * (TILE + GAP),
});
// Opaque dark grey behind and between the tiles.
for (let i = 0; i < sheet.data.length; i += 4) sheet.data.set([64, 64, 64, 255], i);

files.forEach((file, column) => {
  const mesh = loadObj(file, 'smooth');
  VIEWS.forEach((view, row) => pasteTile(sheet, renderPreview(mesh, PLACEMENT_SCALE, view.camera, TILE), column, row));
  console.log(`${file}: ${mesh.indices.length / 3} triangles`);
});

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, PNG.sync.write(sheet));
console.log(`wrote ${out}: columns ${files.map((file) => path.basename(file)).join(', ')}; rows ${VIEWS.map((view) => view.name).join('; ')}`);
