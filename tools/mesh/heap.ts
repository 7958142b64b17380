/** A binary min-heap of numeric keys with an integer payload; equal keys pop in order of the payload. */
export class MinHeap {
  private keys: number[] = [];
  private payloads: number[] = [];

  /** Number of entries. */
  get size(): number {
    return this.keys.length;
  }

  /** Adds an entry. */
  push(key: number, payload: number): void {
    this.keys.push(key);
    this.payloads.push(payload);
    let child = this.keys.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.less(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** Removes the entry with the smallest key and returns its key and payload; throws when empty. */
  pop(): { key: number; payload: number } {
    if (this.keys.length === 0) throw new Error('pop from an empty heap');
    const top = { key: this.keys[0], payload: this.payloads[0] };
    const lastKey = this.keys.pop() as number;
    const lastPayload = this.payloads.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.payloads[0] = lastPayload;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < this.keys.length && this.less(left, smallest)) smallest = left;
        if (right < this.keys.length && this.less(right, smallest)) smallest = right;
        if (smallest === parent) break;
        this.swap(parent, smallest);
        parent = smallest;
      }
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    return this.keys[i] < this.keys[j] || (this.keys[i] === this.keys[j] && this.payloads[i] < this.payloads[j]);
  }

  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
    [this.payloads[i], this.payloads[j]] = [this.payloads[j], this.payloads[i]];
  }
}
