// Reader of dataset folders: samples, vocabulary and text encoding as in the original PyTorch loader.
export { Multimodal3DIdent, type LoadOptions, type RgbImage, type Sample } from './dataset.js';
export { splitSentences } from './sentences.js';
export { wordTokens } from './word-tokens.js';
export { EOS_INDEX, EOS_TOKEN, PAD_INDEX, PAD_TOKEN, UNK_INDEX, UNK_TOKEN, Vocabulary, type VocabularyJson } from './vocabulary.js';
