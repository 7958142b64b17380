// Sentence counting of text/text_raw.txt, compared with the count of the original loader.
//
// The loader takes the number of samples from nltk's punkt sentence splitter, not from lines.
// Generated files hold one sentence per line, each ending in a full stop, so the two counts agree.
// The checks below catch the obvious ways a line stops being exactly one punkt sentence.

/** Line-by-line view of a sentence file, with the lines that would not be one sentence each. */
export interface SentenceLines {
  /** Non-blank lines, which is the number of samples when every line is one sentence. */
  count: number;
  /** 1-based numbers of blank lines before the last sentence (trailing blank lines are ignored, as punkt does). */
  blankLines: number[];
  /** 1-based numbers of lines with a sentence end (. ! ?) followed by more text: punkt splits them in two. */
  multiSentenceLines: number[];
  /** 1-based numbers of lines, except the last sentence, that do not end in . ! or ?: punkt joins them with the next line. */
  unterminatedLines: number[];
}

// A sentence end followed by whitespace and more text. Closing quotes or brackets may follow the mark.
const INNER_SENTENCE_END = /[.!?]["'\u201d\u2019)\]]*\s+\S/;
const SENTENCE_END = /[.!?]["'\u201d\u2019)\]]*$/;

/** Splits `text` into lines (LF or CRLF) and reports the lines that break the one-sentence-per-line layout. */
export function analyseSentenceLines(text: string): SentenceLines {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  let last = lines.length - 1;
  while (last >= 0 && lines[last].trim() === '') last--;

  const result: SentenceLines = { count: 0, blankLines: [], multiSentenceLines: [], unterminatedLines: [] };
  for (let i = 0; i <= last; i++) {
    const line = lines[i].trim();
    if (line === '') {
      result.blankLines.push(i + 1);
      continue;
    }
    result.count++;
    if (INNER_SENTENCE_END.test(line)) result.multiSentenceLines.push(i + 1);
    if (i < last && !SENTENCE_END.test(line)) result.unterminatedLines.push(i + 1);
  }
  return result;
}
