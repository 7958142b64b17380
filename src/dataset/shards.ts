/**
 * Returns the half-open index range [start, end) of part `index` when `n` items are split into
 * `parts` parts exactly as numpy's `array_split` does: the first n mod parts parts get one extra item.
 */
export function arraySplitRange(n: number, parts: number, index: number): [number, number] {
  const base = Math.floor(n / parts);
  const extra = n % parts;
  const start = index * base + Math.min(index, extra);
  const size = base + (index < extra ? 1 : 0);
  return [start, start + size];
}
