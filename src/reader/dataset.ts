// Reading a Multimodal3DIdent dataset folder from TypeScript, with the same samples, vocabulary and
// text encoding as the original PyTorch loader (datasets.py).
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { imageFileName } from '../dataset/image-names.js';
import { readPng } from '../io/png.js';
import { readImageLatents, readTextLatents } from '../latents/read.js';
import { IMAGE_LATENTS_FILE, TEXT_LATENTS_FILE, type ImageLatents, type TextLatents } from '../latents/types.js';
import { TEXT_FILE, TEXT_FOLDER } from '../text/render.js';
import { splitSentences } from './sentences.js';
import { Vocabulary } from './vocabulary.js';
import { wordTokens } from './word-tokens.js';

// The same name as IMAGES_FOLDER in dataset/render-images.ts, which is not imported here because that
// module loads the WebGPU bindings.
const IMAGES_FOLDER = 'images';

/** Options of {@link Multimodal3DIdent.load}. */
export interface LoadOptions {
  /**
   * Vocabulary to encode text with, for example the training split's on a test split. Default: built
   * from this folder's sentences, as the original loader does without `vocab_filepath`.
   */
  vocabulary?: Vocabulary;
}

/** An image decoded to 8-bit RGB, row-major, 3 bytes a pixel (PIL's RGB mode). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One sample as the original loader's `dataset[i]` returns it, with the image decoded. */
export interface Sample {
  image: RgbImage;
  /** One-hot text, `maxSequenceLength × vocabulary.size`, row-major. */
  text: Float32Array;
  zImage: ImageLatents;
  zText: TextLatents;
}

/**
 * A dataset folder written by the generator: latents_image.csv, latents_text.csv, text/text_raw.txt
 * and images/. This is the folder the original loader calls `data_dir/mode`.
 *
 * The number of samples is the number of sentences in text_raw.txt, as in the original loader.
 * Unlike the original, loading checks that both CSV files have one row per sentence, and it does
 * not write vocab.json (use `vocabulary.toJson()` for that). Images are decoded only when asked for.
 */
export class Multimodal3DIdent {
  /** Sentences of text_raw.txt, one per sample. */
  readonly sentences: string[];
  /** Word tokens of each sentence. */
  readonly words: string[][];
  /** Longest sentence in words plus one for `{eos}`: the row count of every text matrix. */
  readonly maxSequenceLength: number;
  readonly vocabulary: Vocabulary;
  readonly imageLatents: ImageLatents[];
  readonly textLatents: TextLatents[];
  /** Absolute image paths, named with the loader's zero-padding width. */
  readonly imagePaths: string[];

  private constructor(readonly folder: string, text: string, imageLatents: ImageLatents[], textLatents: TextLatents[], options: LoadOptions) {
    const textFile = path.join(folder, TEXT_FOLDER, TEXT_FILE);
    this.sentences = splitSentences(text);
    const n = this.sentences.length;
    if (n === 0) throw new InputError(`${textFile}: no sentences; write it with \`m3di text\`.`);

    for (const [file, rows] of [[IMAGE_LATENTS_FILE, imageLatents], [TEXT_LATENTS_FILE, textLatents]] as const) {
      if (rows.length !== n) {
        throw new InputError(`${path.join(folder, file)}: ${rows.length} rows, but ${textFile} has ${n} sentences; regenerate the folder so that both match.`);
      }
    }

    this.words = this.sentences.map(wordTokens);
    let longest = 0;
    for (const words of this.words) longest = Math.max(longest, words.length);
    this.maxSequenceLength = longest + 1;
    this.vocabulary = options.vocabulary ?? Vocabulary.fromSentences(this.words);
    this.imageLatents = imageLatents;
    this.textLatents = textLatents;
    this.imagePaths = Array.from({ length: n }, (_, i) => path.join(folder, IMAGES_FOLDER, imageFileName(i, n)));
  }

  /** Reads the latents and sentences of `folder` and builds the vocabulary; throws InputError on a missing or bad file. */
  static load(folder: string, options: LoadOptions = {}): Multimodal3DIdent {
    const absolute = path.resolve(folder);
    const textFile = path.join(absolute, TEXT_FOLDER, TEXT_FILE);
    let text: string;
    try {
      text = fs.readFileSync(textFile, 'utf8');
    } catch (error) {
      throw new InputError(`${textFile}: cannot be read (${(error as Error).message}); write it with \`m3di text --output-folder ${folder}\`.`);
    }
    const imageLatents = readImageLatents(path.join(absolute, IMAGE_LATENTS_FILE));
    const textLatents = readTextLatents(path.join(absolute, TEXT_LATENTS_FILE));
    return new Multimodal3DIdent(absolute, text, imageLatents, textLatents, options);
  }

  /** Number of samples. */
  get length(): number {
    return this.sentences.length;
  }

  /** Decodes image `index` to RGB; throws InputError when the file is missing or not a PNG. */
  image(index: number): RgbImage {
    const file = this.imagePaths[this.checkIndex(index)];
    let png: ReturnType<typeof readPng>;
    try {
      png = readPng(file);
    } catch (error) {
      throw new InputError(`${file}: cannot be read as PNG (${(error as Error).message}); render it with \`m3di images\`.`);
    }
    const pixels = png.width * png.height;
    const rgb = new Uint8Array(pixels * 3);
    for (let p = 0; p < pixels; p++) {
      rgb[3 * p] = png.data[4 * p];
      rgb[3 * p + 1] = png.data[4 * p + 1];
      rgb[3 * p + 2] = png.data[4 * p + 2];
    }
    return { width: png.width, height: png.height, data: rgb };
  }

  /** Token indices of sample `index`: words, `{eos}`, then `{pad}` up to {@link maxSequenceLength}. */
  textIndices(index: number): Int32Array {
    return this.vocabulary.encode(this.words[this.checkIndex(index)], this.maxSequenceLength);
  }

  /** One-hot text of sample `index`, `maxSequenceLength × vocabulary.size`, row-major. */
  text(index: number): Float32Array {
    return this.vocabulary.oneHot(this.words[this.checkIndex(index)], this.maxSequenceLength);
  }

  /** Sample `index` with its image decoded, as the original loader's `dataset[index]`. */
  item(index: number): Sample {
    return { image: this.image(index), text: this.text(index), zImage: this.imageLatents[index], zText: this.textLatents[index] };
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`sample index ${index} is out of range; the dataset has samples 0 to ${this.length - 1}`);
    }
    return index;
  }
}
