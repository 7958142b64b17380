// The BVH layouts the render kernel reads (shaders/bvh.wgsl), built from the 8-word nodes of bvh.ts.
// Both live in one array of vec4: first every shape's node records, then every shape's threaded nodes.
import { WORDS_PER_NODE, type Bvh } from './bvh.js';

/**
 * Words per node record (four vec4), the layout of closest-hit traversal. A record holds the
 * boxes of both children of an interior node, so the shader tests both with one record fetch.
 *   words 0..2   left child's box minimum     word 3   left child's reference
 *   words 4..6   left child's box maximum     word 7   0
 *   words 8..15  the same for the right child
 * A child reference is `count << 27 | index`: count 0 marks an interior child whose record is
 * `index`; otherwise the child is a leaf of `count` triangles starting at slot `index`.
 * Each shape's first record is its root record: its left half is the whole tree's box and the
 * reference of the BVH root; word 11 is the index of the shape's first threaded node.
 */
export const WORDS_PER_RECORD = 16;

/**
 * Words per threaded node (two vec4), the layout of any-hit (shadow ray) traversal. It needs no
 * stack because nodes are in depth-first order: an interior node's first child is the next node,
 * and each node stores where the walk continues once its subtree is done or missed.
 *   words 0..2   box minimum     word 3   miss link: next node after this subtree, or {@link THREAD_END}
 *   words 4..6   box maximum     word 7   leaf reference `count << 27 | first slot`, 0 for interior nodes
 * Threaded node k starts at vec4 2k of the array, so indices continue after the records.
 */
export const WORDS_PER_THREADED_NODE = 8;

/** Miss link of the last subtree of a shape: the walk ends. */
export const THREAD_END = 0xffffffff;

/** Bits of a reference that hold the record or triangle index; the bits above hold the leaf size. */
const INDEX_BITS = 27;
const MAX_INDEX = 2 ** INDEX_BITS - 1;
const MAX_LEAF_SIZE = 2 ** (32 - INDEX_BITS) - 1;

/** Returns the number of node records of a BVH: one per interior node plus the root record. */
export function recordCount(bvh: Bvh): number {
  let count = 1;
  for (let node = 0; node < bvh.nodeCount; node++) if (bvh.nodeWords[node * WORDS_PER_NODE + 7] === 0) count++;
  return count;
}

/** Packs a reference word; throws when the index or leaf size does not fit its bits. */
function reference(count: number, index: number): number {
  if (count > MAX_LEAF_SIZE) throw new RangeError(`BVH leaf of ${count} triangles exceeds the ${MAX_LEAF_SIZE} a node reference can address`);
  if (index > MAX_INDEX) throw new RangeError(`BVH index ${index} exceeds the ${MAX_INDEX} a node reference can address`);
  return ((count << INDEX_BITS) | index) >>> 0;
}

/** Copies BVH node `node`'s box into `target` at word `offset` (minimum) and `offset + 4` (maximum). */
function copyBox(bvh: Bvh, node: number, target: Float32Array, offset: number): void {
  const source = bvh.nodeFloats;
  const from = node * WORDS_PER_NODE;
  for (let axis = 0; axis < 3; axis++) {
    target[offset + axis] = source[from + axis];
    target[offset + 4 + axis] = source[from + 4 + axis];
  }
}

/**
 * Writes one shape's BVH as node records into `words`, its root record at `firstRecord`, with
 * triangle slots shifted by `firstSlot` and `firstThreaded` stored in the root record. Interior
 * nodes get records in depth-first order, left child first.
 */
export function writeRecords(bvh: Bvh, words: Uint32Array, firstRecord: number, firstSlot: number, firstThreaded: number): void {
  const floats = new Float32Array(words.buffer, words.byteOffset, words.length);
  const nodeWords = bvh.nodeWords;
  let nextRecord = firstRecord + 1;

  const isLeaf = (node: number): boolean => nodeWords[node * WORDS_PER_NODE + 7] !== 0;
  const writeChild = (record: number, half: number, node: number, childRecord: number): void => {
    const target = record * WORDS_PER_RECORD + half * 8;
    copyBox(bvh, node, floats, target);
    const count = nodeWords[node * WORDS_PER_NODE + 7];
    words[target + 3] = count === 0 ? reference(0, childRecord) : reference(count, firstSlot + nodeWords[node * WORDS_PER_NODE + 3]);
    words[target + 7] = 0;
  };

  // Root record, then a depth-first walk over interior nodes: pairs (BVH node, its record).
  const rootRecord = isLeaf(0) ? 0 : nextRecord++;
  writeChild(firstRecord, 0, 0, rootRecord);
  words[firstRecord * WORDS_PER_RECORD + 11] = firstThreaded;
  const stack: number[] = isLeaf(0) ? [] : [0, rootRecord];
  while (stack.length > 0) {
    const record = stack.pop()!;
    const node = stack.pop()!;
    const left = nodeWords[node * WORDS_PER_NODE + 3];
    const leftRecord = isLeaf(left) ? 0 : nextRecord++;
    const rightRecord = isLeaf(left + 1) ? 0 : nextRecord++;
    writeChild(record, 0, left, leftRecord);
    writeChild(record, 1, left + 1, rightRecord);
    // Both children's records are consecutive; popping the left child first numbers its subtree before the right one's.
    if (rightRecord !== 0) stack.push(left + 1, rightRecord);
    if (leftRecord !== 0) stack.push(left, leftRecord);
  }
}

/**
 * Writes one shape's BVH as threaded nodes into `words`, its root at threaded index `first`
 * (word offset `first * WORDS_PER_THREADED_NODE`), with triangle slots shifted by `firstSlot`.
 */
export function writeThreaded(bvh: Bvh, words: Uint32Array, first: number, firstSlot: number): void {
  const floats = new Float32Array(words.buffer, words.byteOffset, words.length);
  const nodeWords = bvh.nodeWords;

  // Subtree sizes in nodes; the builder gives children higher indices than their parent.
  const size = new Uint32Array(bvh.nodeCount);
  for (let node = bvh.nodeCount - 1; node >= 0; node--) {
    const left = nodeWords[node * WORDS_PER_NODE + 3];
    size[node] = nodeWords[node * WORDS_PER_NODE + 7] > 0 ? 1 : 1 + size[left] + size[left + 1];
  }

  // Depth-first walk, left child first: triples (BVH node, its threaded index, its miss link).
  const stack: number[] = [0, first, THREAD_END];
  while (stack.length > 0) {
    const miss = stack.pop()!;
    const index = stack.pop()!;
    const node = stack.pop()!;
    const target = index * WORDS_PER_THREADED_NODE;
    copyBox(bvh, node, floats, target);
    words[target + 3] = miss;
    const count = nodeWords[node * WORDS_PER_NODE + 7];
    if (count > 0) {
      words[target + 7] = reference(count, firstSlot + nodeWords[node * WORDS_PER_NODE + 3]);
      continue;
    }
    words[target + 7] = 0;
    const left = nodeWords[node * WORDS_PER_NODE + 3];
    const rightIndex = index + 1 + size[left];
    stack.push(left + 1, rightIndex, miss, left, index + 1, rightIndex);
  }
}
