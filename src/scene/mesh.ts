/** An indexed triangle mesh in object space, as loaded from an OBJ file. */
export interface TriangleMesh {
  /** Vertex positions, xyz per vertex. */
  positions: Float32Array;
  /** Unit vertex normals, xyz per vertex (smooth shading). Flat shading ignores them. */
  normals: Float32Array;
  /** Vertex indices, three per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array;
}

/** Shading mode of a shape: `smooth` interpolates vertex normals, `flat` uses each triangle's geometric normal. */
export type Shading = 'smooth' | 'flat';
