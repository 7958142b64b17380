// Word tokenization as NLTK 3.8's `word_tokenize` does it for one sentence (NLTKWordTokenizer, the
// Penn Treebank conventions): the rules below pad tokens with spaces, then the text is split on
// white space. The rules run in groups and in the order NLTK runs them, because later rules see
// the spaces and quote marks that earlier ones insert.

type Rule = [pattern: RegExp, replacement: string];

// `\w` in Python's re is Unicode-aware; JavaScript needs the u flag and property classes for that.
const WORD = String.raw`[\p{L}\p{N}_]`;

/** Opening quotes: a `"` at the start or after a space or opening bracket becomes ``. */
const OPENING_QUOTES: Rule[] = [
  [/([«“‘„]|`+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'')/gu, '$1 `` '],
  // A leading apostrophe before a word that is not a clitic ('re, 've, 'll, 'm, 't, 's, 'd, 'n) is split off.
  [new RegExp(String.raw`(')(?!re|ve|ll|m|t|s|d|n)(${WORD})(?!${WORD})`, 'giu'), '$1 $2'],
];

/** Punctuation. Colons and commas split unless a digit follows (3,000 and a:1 stay whole). */
const PUNCTUATION: Rule[] = [
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2 $3 '],
  [/([:,])([^\d])/gu, ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
  [/[\][(){}<>]/gu, ' $& '],
  [/--/gu, ' -- '],
];

/** Closing quotes and clitics: a remaining `"` becomes '', and 's, 'm, 'd, 'll, 're, 've, n't split off. */
const CLOSING_QUOTES: Rule[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

// Word boundaries for the contraction rules, with Python's Unicode notion of a word character.
const BEFORE = `(?<!${WORD})`;
const AFTER = `(?!${WORD})`;

/** Fused words that the Treebank splits in two: cannot → can not, gonna → gon na, 'tis → 't is, ... */
const CONTRACTIONS: Rule[] = [
  ...[
    ['can', 'not'],
    ['d', "'ye"],
    ['gim', 'me'],
    ['gon', 'na'],
    ['got', 'ta'],
    ['lem', 'me'],
    ['more', "'n"],
  ].map(([first, second]): Rule => [new RegExp(`${BEFORE}(${first})(${second})${AFTER}`, 'giu'), ' $1 $2 ']),
  [new RegExp(`${BEFORE}(wan)(na)(?=\\s)`, 'giu'), ' $1 $2 '],
  [new RegExp(`( )('t)(is|was)${AFTER}`, 'giu'), '$1$2 $3 '],
];

function applyRules(text: string, rules: Rule[]): string {
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  return result;
}

/**
 * Returns the word tokens of one sentence as NLTK 3.8's `word_tokenize` returns them, for example
 * `A "xkcd:robin's egg" cow is at the top-left of the image.` gives
 * A, ``, xkcd, :, robin, 's, egg, '', cow, is, at, the, top-left, of, the, image, and a final period.
 * Hyphens and slashes stay inside words (top-left, green/yellow).
 */
export function wordTokens(sentence: string): string[] {
  let text = applyRules(sentence, OPENING_QUOTES);
  text = applyRules(text, PUNCTUATION);
  text = applyRules(` ${text} `, CLOSING_QUOTES);
  text = applyRules(text, CONTRACTIONS);
  return text.split(/\s+/u).filter((token) => token.length > 0);
}
