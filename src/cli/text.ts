import path from 'node:path';
import { InputError } from '../errors.js';
import { requireFolder } from '../io/folders.js';
import { readTextLatents } from '../latents/read.js';
import { TEXT_LATENTS_FILE } from '../latents/types.js';
import { writeText } from '../text/render.js';
import { outputFolderFlag } from './dataset-flags.js';
import { parseFlags } from './args.js';

const USAGE = `usage: m3di text --output-folder DIR

Reads DIR/latents_text.csv and writes DIR/text/text_raw.txt: one sentence per row, lines separated
by LF, with no newline after the last.

options:
  --output-folder DIR  dataset folder written by m3di latents
  -q, --quiet          print nothing but errors
  -h, --help           print this help`;

/** Entry point of `m3di text`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { 'output-folder': { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const folderFlag = outputFolderFlag(values['output-folder'], positionals, USAGE);
  const folder = requireFolder(folderFlag, '--output-folder', 'run `m3di latents --output-folder DIR --n-points N` first.');

  const csvFile = path.join(folder, TEXT_LATENTS_FILE);
  const rows = readTextLatents(csvFile);
  if (rows.length === 0) {
    throw new InputError(`${csvFile}: no data rows after the header; regenerate the file with \`m3di latents\` and --n-points 1 or more.`);
  }

  const textFile = writeText(folder, rows);
  if (!values.quiet) console.log(`wrote ${rows.length} sentences to ${textFile}`);
  return 0;
}
