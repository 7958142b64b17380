// Word ↔ index maps and sequence encoding as the original PyTorch loader (datasets.py) builds them.

/** Special tokens and their fixed indices. */
export const PAD_TOKEN = '{pad}';
export const EOS_TOKEN = '{eos}';
export const UNK_TOKEN = '{unk}';
export const PAD_INDEX = 0;
export const EOS_INDEX = 1;
export const UNK_INDEX = 2;

/** Contents of the loader's vocab.json: `w2i` maps words to indices, `i2w` maps decimal index strings to words. */
export interface VocabularyJson {
  w2i: Record<string, number>;
  i2w: Record<string, string>;
}

/**
 * Vocabulary of a dataset: `{pad}` = 0, `{eos}` = 1, `{unk}` = 2, then every word type in the order
 * it first appears, reading sentence by sentence and word by word.
 */
export class Vocabulary {
  private readonly indices = new Map<string, number>();

  private constructor(readonly words: readonly string[]) {
    words.forEach((word, index) => {
      if (this.indices.has(word)) throw new Error(`duplicate vocabulary word ${JSON.stringify(word)} at index ${index}`);
      this.indices.set(word, index);
    });
  }

  /** Builds the vocabulary of tokenized sentences in first-seen order, after the three special tokens. */
  static fromSentences(sentences: readonly (readonly string[])[]): Vocabulary {
    const words = [PAD_TOKEN, EOS_TOKEN, UNK_TOKEN];
    const seen = new Set(words);
    for (const sentence of sentences) {
      for (const word of sentence) {
        if (seen.has(word)) continue;
        seen.add(word);
        words.push(word);
      }
    }
    return new Vocabulary(words);
  }

  /** Reads the parsed contents of a vocab.json written by the original loader or by {@link toJson}. */
  static fromJson(json: VocabularyJson): Vocabulary {
    const words: string[] = [];
    for (const [word, index] of Object.entries(json.w2i)) {
      if (!Number.isInteger(index) || index < 0) throw new Error(`vocab.json: w2i[${JSON.stringify(word)}] is ${index}; expected an index >= 0`);
      words[index] = word;
    }
    for (let index = 0; index < words.length; index++) {
      if (words[index] === undefined) throw new Error(`vocab.json: no word has index ${index}; indices must run from 0 without gaps`);
    }
    if (words[PAD_INDEX] !== PAD_TOKEN || words[EOS_INDEX] !== EOS_TOKEN || words[UNK_INDEX] !== UNK_TOKEN) {
      throw new Error(`vocab.json: indices 0, 1, 2 must be ${PAD_TOKEN}, ${EOS_TOKEN}, ${UNK_TOKEN}`);
    }
    return new Vocabulary(words);
  }

  /** Number of entries, special tokens included (the one-hot width). */
  get size(): number {
    return this.words.length;
  }

  /**
   * Index of `word`, or {@link UNK_INDEX} for a word outside the vocabulary. (The original loader's
   * get_w2i returns the string "{unk}" there, which makes its tensor conversion fail.)
   */
  indexOf(word: string): number {
    return this.indices.get(word) ?? UNK_INDEX;
  }

  /** Returns the vocab.json object that the original loader writes, with string keys in `i2w` as JSON stores them. */
  toJson(): VocabularyJson {
    const w2i: Record<string, number> = {};
    const i2w: Record<string, string> = {};
    this.words.forEach((word, index) => {
      w2i[word] = index;
      i2w[String(index)] = word;
    });
    return { w2i, i2w };
  }

  /**
   * Encodes a tokenized sentence as `length` indices: the words, then `{eos}`, then `{pad}` up to
   * `length`. Throws RangeError when the words and `{eos}` do not fit.
   */
  encode(words: readonly string[], length: number): Int32Array {
    if (words.length + 1 > length) throw new RangeError(`${words.length} words and {eos} do not fit in a sequence of length ${length}`);
    const indices = new Int32Array(length).fill(PAD_INDEX);
    words.forEach((word, position) => {
      indices[position] = this.indexOf(word);
    });
    indices[words.length] = EOS_INDEX;
    return indices;
  }

  /**
   * One-hot encoding of {@link encode}'s indices: a row-major `length × size` float32 matrix whose
   * row t has a single 1 at the index of token t, the loader's text tensor.
   */
  oneHot(words: readonly string[], length: number): Float32Array {
    const indices = this.encode(words, length);
    const matrix = new Float32Array(length * this.size);
    indices.forEach((index, row) => {
      matrix[row * this.size + index] = 1;
    });
    return matrix;
  }
}
