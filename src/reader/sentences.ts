// Sentence splitting of text_raw.txt as NLTK's `sent_tokenize` (Punkt, English model) splits it.

/**
 * Splits `text` into sentences at each `.`, `?` or `!` that ends a white-space-delimited token and
 * is followed by white space and more text. White space between sentences is dropped, and so is
 * trailing white space, so a final newline or CRLF line ends change nothing. Empty or blank text
 * gives no sentences.
 *
 * This is the part of Punkt that generator output needs. Every sentence ends in a period after a
 * plain word (image, picture, color or a shape name), and none of these words is an abbreviation
 * in Punkt's English model. Colour names contain no sentence-ending characters. Line breaks are not
 * boundaries in themselves, so two sentences on one line count as two, as they do in Punkt.
 * NOTE: Punkt's abbreviation, initial, ellipsis and collocation rules are not implemented, so
 * free text such as "Dr. Smith" or "No. 5" splits where Punkt would not.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.?!](?=\s+\S)/g;
  let start = skipWhiteSpace(text, 0);
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    const end = match.index + 1;
    sentences.push(text.slice(start, end));
    start = skipWhiteSpace(text, end);
  }
  const last = text.slice(start).trimEnd();
  if (last.length > 0) sentences.push(last);
  return sentences;
}

function skipWhiteSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
