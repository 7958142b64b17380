// Rows are joined into strings of this many lines before encoding, so that no string grows large and
// the short-lived pieces stay in the young generation.
const LINES_PER_CHUNK = 4096;

/**
 * Encodes `count` lines, line i being `lineAt(i)`, as UTF-8 with LF line ends. With `finalNewline` false
 * the last line has no LF after it. Builds the bytes in chunks, which is much faster than one join for
 * a million lines.
 */
export function encodeLines(count: number, lineAt: (index: number) => string, finalNewline: boolean): Buffer {
  const chunks: Buffer[] = [];

  for (let start = 0; start < count; start += LINES_PER_CHUNK) {
    const end = Math.min(start + LINES_PER_CHUNK, count);
    let text = '';
    for (let i = start; i < end; i++) text += lineAt(i) + (finalNewline || i < count - 1 ? '\n' : '');
    chunks.push(Buffer.from(text));
  }

  return Buffer.concat(chunks);
}
