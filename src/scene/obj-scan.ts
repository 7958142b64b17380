import { InputError } from '../errors.js';

/** Result of checking OBJ text line by line before obj-file-parser reads it. */
export interface ObjScan {
  /** Source lines, split on "\n" as obj-file-parser splits them. */
  lines: string[];
  /**
   * The `v`, `vn` and `f` statements alone, with every face index made absolute, for obj-file-parser.
   * Faces are written as `f v` or `f v//vn` (texture indices dropped).
   */
  parserText: string;
  /** 1-based source line of each face, in file order. */
  faceLines: number[];
  /** Number of `v` statements. */
  vertexCount: number;
  /** Number of `vn` statements. */
  normalCount: number;
}

/** Builds the standard message for one bad line of an OBJ file: file, 1-based line, problem, value and the fix. */
export function objLineError(file: string, line: number, problem: string, value: string, fix: string): InputError {
  return new InputError(`${file}: line ${line}: ${problem} (value ${JSON.stringify(value)}). ${fix}`);
}

/** Largest positive index seen for one kind of reference, checked once the whole file has been read. */
interface ForwardReference {
  index: number;
  line: number;
  token: string;
}

const INTEGER = /^[+-]?\d+$/;

/** Decimal number syntax that Number and parseFloat read alike (no hexadecimal, Infinity or NaN). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Checks every statement that the loader uses and returns the text to hand to obj-file-parser.
 * Throws InputError naming the file, the line and the value for a non-finite or missing coordinate,
 * a zero-length normal, a face with fewer than three corners or a repeated corner. Indices must be
 * integers other than 0 that point to a vertex or normal the file defines.
 *
 * obj-file-parser 0.6.2 keeps no line numbers, resolves negative vertex indices only within the
 * current `o` object, leaves negative normal indices as they are, and accepts "1.5abc" as 1.5.
 * This scan covers those cases. Other statements (vt, o, g, s, usemtl, l, ...) are skipped.
 */
export function scanObjText(text: string, file: string): ObjScan {
  const lines = text.split('\n');
  const parserLines: string[] = [];
  const faceLines: number[] = [];
  let vertexCount = 0;
  let normalCount = 0;
  const maxVertex: ForwardReference = { index: 0, line: 0, token: '' };
  const maxNormal: ForwardReference = { index: 0, line: 0, token: '' };

  for (let i = 0; i < lines.length; i += 1) {
    const lineNumber = i + 1;
    const statement = stripComment(lines[i]).trim();
    if (statement === '') continue;

    const tokens = statement.split(/\s+/);
    const keyword = tokens[0].toLowerCase();
    if (statement.endsWith('\\') && (keyword === 'v' || keyword === 'vn' || keyword === 'f')) {
      throw objLineError(file, lineNumber, 'line continuation with "\\" is not supported', statement,
        'Join the statement onto one line.');
    }

    if (keyword === 'v' || keyword === 'vn') {
      const name = keyword === 'v' ? 'vertex' : 'vertex normal';
      const coordinates = parseCoordinates(tokens, file, lineNumber, name);
      if (keyword === 'vn' && coordinates.every((c) => c === 0)) {
        throw objLineError(file, lineNumber, 'vertex normal has zero length', statement,
          'Give a non-zero normal or remove the normal indices from the faces.');
      }

      // The tokens are plain decimals, which obj-file-parser's parseFloat reads exactly as checked.
      parserLines.push(`${keyword} ${tokens[1]} ${tokens[2]} ${tokens[3]}`);
      if (keyword === 'v') vertexCount += 1;
      else normalCount += 1;
    } else if (keyword === 'f') {
      const cornerCount = tokens.length - 1;
      if (cornerCount < 3) {
        throw objLineError(file, lineNumber, `face has ${cornerCount} corners, fewer than 3`, statement,
          'Give each face at least three vertex indices.');
      }

      const resolved: string[] = [];
      const seen: number[] = [];
      for (let c = 1; c < tokens.length; c += 1) {
        const corner = tokens[c];

        // Most corners are a bare vertex index; splitting only those with a slash saves an array each.
        const parts = corner.includes('/') ? corner.split('/') : [corner];
        if (parts.length > 3) {
          throw objLineError(file, lineNumber, 'face corner has more than three "/"-separated indices', corner,
            'Write each corner as v, v/vt, v//vn or v/vt/vn.');
        }

        const [vertexToken, textureToken = '', normalToken = ''] = parts;
        const vertex = resolveIndex(vertexToken, vertexCount, maxVertex, 'vertex', file, lineNumber);
        if (seen.includes(vertex)) {
          throw objLineError(file, lineNumber, `face uses vertex ${vertex} more than once`, statement,
            'Remove the repeated corner, or the whole face if it has no area.');
        }
        seen.push(vertex);

        // Texture coordinates are not used, so their index is only checked for form.
        if (textureToken !== '' && !INTEGER.test(textureToken)) {
          throw objLineError(file, lineNumber, 'texture coordinate index is not an integer', textureToken,
            'Write OBJ indices as whole numbers.');
        }

        if (normalToken === '') {
          resolved.push(String(vertex));
        } else {
          const normal = resolveIndex(normalToken, normalCount, maxNormal, 'vertex normal', file, lineNumber);
          resolved.push(`${vertex}//${normal}`);
        }
      }

      // Only relative (negative) indices need rewriting. Other faces pass through unchanged, which is faster.
      parserLines.push(statement.includes('-') ? `f ${resolved.join(' ')}` : statement);
      faceLines.push(lineNumber);
    }
  }

  checkForwardReference(maxVertex, vertexCount, 'vertex', 'vertices', file);
  checkForwardReference(maxNormal, normalCount, 'vertex normal', 'vertex normals', file);
  return { lines, parserText: parserLines.join('\n'), faceLines, vertexCount, normalCount };
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

function parseCoordinates(tokens: string[], file: string, line: number, name: string): number[] {
  if (tokens.length < 4) {
    throw objLineError(file, line, `${name} has ${tokens.length - 1} coordinates, fewer than 3`, tokens.join(' '),
      'Give x, y and z.');
  }

  // A 'v' statement may carry a w or an RGB colour after xyz; only xyz are used.
  const coordinates: number[] = [];
  for (let i = 1; i <= 3; i += 1) {
    const value = DECIMAL.test(tokens[i]) ? Number(tokens[i]) : NaN;
    if (!Number.isFinite(value)) {
      throw objLineError(file, line, `${name} coordinate is not a finite decimal number`, tokens[i],
        'Write each coordinate as a decimal number such as -1.25 or 3e-2.');
    }
    coordinates.push(value);
  }
  return coordinates;
}

/**
 * Turns one 1-based OBJ index into an absolute 1-based index. A negative index counts back from
 * the `count` elements defined before this line. A positive one may point forwards, so the largest
 * is recorded in `forward` and checked at the end of the file.
 */
function resolveIndex(token: string, count: number, forward: ForwardReference,
  name: string, file: string, line: number): number {
  if (!INTEGER.test(token)) {
    throw objLineError(file, line, `${name} index is not an integer`, token, 'Write OBJ indices as whole numbers.');
  }

  const index = Number(token);
  if (index === 0) {
    throw objLineError(file, line, `${name} index 0 is invalid`, token, 'OBJ indices start at 1 (or -1 for the last defined).');
  }
  if (index < 0) {
    const absolute = count + 1 + index;
    if (absolute < 1) {
      throw objLineError(file, line, `relative ${name} index points before the first one (${count} defined before this line)`, token,
        'Use an index within the defined range.');
    }
    return absolute;
  }

  if (index > forward.index) {
    forward.index = index;
    forward.line = line;
    forward.token = token;
  }
  return index;
}

function checkForwardReference(reference: ForwardReference, count: number, name: string, plural: string, file: string): void {
  if (reference.index > count) {
    throw objLineError(file, reference.line, `face refers to ${name} ${reference.index}, but the file defines only ${count} ${plural}`,
      reference.token, 'Use an index within the defined range.');
  }
}
