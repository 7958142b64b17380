// Library API of m3di: the CLI is a thin layer over these exports.
export { InputError } from './errors.js';
export { writeFileAtomic, writeFileAtomicAsync } from './io/atomic.js';
export type { Shading, TriangleMesh } from './scene/mesh.js';
export { loadObj, parseObj } from './scene/obj.js';
export { computeSmoothNormals } from './scene/normals.js';
