// 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998; init_genrand seeding of 2002) with the
// draw rules of numpy's legacy `np.random` functions (numpy 1.24), so that a seed gives the same
// numbers as `np.random.seed(seed)`.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Largest seed that `np.random.seed` accepts as a single integer (2^32 - 1). */
export const MAX_SEED = 0xffffffff;

/** MT19937 generator whose seeding and draws match numpy's legacy `RandomState`. */
export class MT19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  /** Seeds like `init_genrand(seed)`, which is what `np.random.seed(seed)` does for an integer from 0 to 2^32 - 1. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`MT19937 seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
    }

    const mt = this.state;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1];
      mt[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
  }

  /** Returns the next tempered 32-bit word (`genrand_int32`), as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.regenerate();

    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * Returns a double in [0, 1) from two words, as `np.random.rand()`: the top 27 bits of the first
   * and the top 26 bits of the second form a 53-bit integer, divided by 2^53.
   */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864.0 + low) / 9007199254740992.0;
  }

  /**
   * Returns an integer in [0, high) as one element of `np.random.randint(0, high, n)`: masked rejection
   * sampling on the low bits of single words. `high` must be an integer from 1 to 2^32.
   */
  nextInt(high: number): number {
    const highest = high - 1;
    if (highest === 0) return 0;

    let mask = highest;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;

    for (;;) {
      const value = (this.nextUint32() & mask) >>> 0;
      if (value <= highest) return value;
    }
  }

  /** Fills `out` in index order like `np.random.rand(out.length)`. */
  fillDoubles(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextDouble();
    return out;
  }

  /** Fills `out` in index order like `np.random.randint(0, high, out.length)`. */
  fillInts<T extends Uint8Array | Uint16Array | Uint32Array>(out: T, high: number): T {
    for (let i = 0; i < out.length; i++) out[i] = this.nextInt(high);
    return out;
  }

  /** Recomputes all 624 state words at once, as numpy does before the first draw and after every 624 draws. */
  private regenerate(): void {
    const mt = this.state;
    let kk = 0;
    let y: number;

    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }

    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }

    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);

    this.index = 0;
  }
}
