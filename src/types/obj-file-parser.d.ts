// Types for obj-file-parser 0.6.2, which ships none: the parts of its output that m3di reads.
declare module 'obj-file-parser' {
  interface ObjVector {
    x: number;
    y: number;
    z: number;
  }

  interface ObjFaceVertex {
    vertexIndex: number;
    textureCoordsIndex: number;
    vertexNormalIndex: number;
  }

  interface ObjFace {
    material: string;
    group: string;
    smoothingGroup: number;
    vertices: ObjFaceVertex[];
  }

  interface ObjModel {
    name: string;
    vertices: ObjVector[];
    textureCoords: { u: number; v: number; w: number }[];
    vertexNormals: ObjVector[];
    faces: ObjFace[];
  }

  /** Wavefront OBJ parser: `new OBJFile(text).parse()` returns the models and material libraries. */
  class OBJFile {
    constructor(fileContents: string, defaultModelName?: string);
    parse(): { models: ObjModel[]; materialLibraries: string[] };
  }

  export = OBJFile;
}
