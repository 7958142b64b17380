import path from 'node:path';
import { InputError } from '../errors.js';
import { requireFolder } from '../io/folders.js';
import { writePreview } from '../preview/preview.js';
import { parseFlags, parseIntegerFlag } from './args.js';

const USAGE = `usage: m3di preview DIR [--n N] [--out FILE] [--html FILE] [--columns C] [--tile PX]

Writes a contact sheet of the first N images of dataset folder DIR, each labelled with its
sample index, and a gallery page that shows each of those samples with its image, sentence and
latent values and filters them by shape and position. The page works when opened as a file.
Object masks and normals are shown as well where DIR/masks/ and DIR/normals/ hold them.

options:
  --n N          samples to show, from index 0 (default 48)
  --out FILE     contact sheet PNG (default DIR/contact-sheet.png)
  --html FILE    gallery page (default DIR/index.html); image links are relative to it
  --columns C    images per row of the contact sheet (default: about a 4:3 sheet)
  --tile PX      side of each contact sheet image in pixels (default 224, the image size)
  -h, --help     print this help`;

/** Entry point of `m3di preview`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      n: { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      columns: { type: 'string' },
      tile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new InputError(`missing dataset folder DIR\n${USAGE}`);
  if (positionals.length > 1) throw new InputError(`unexpected argument ${JSON.stringify(positionals[1])}; give one dataset folder\n${USAGE}`);
  const folder = requireFolder(positionals[0], 'DIR', 'give the folder written by `m3di generate`.');

  const result = writePreview(folder, {
    count: values.n === undefined ? undefined : parseIntegerFlag('--n', values.n, 1, 100_000),
    sheetFile: values.out,
    htmlFile: values.html,
    columns: values.columns === undefined ? undefined : parseIntegerFlag('--columns', values.columns, 1, 1000),
    tileSize: values.tile === undefined ? undefined : parseIntegerFlag('--tile', values.tile, 16, 1024),
  });

  if (result.missingImages.length > 0) {
    const listed = result.missingImages.slice(0, 10).join(', ') + (result.missingImages.length > 10 ? ', ...' : '');
    console.error(`m3di preview: ${result.missingImages.length} of ${result.shown} images are missing or unreadable (samples ${listed}); they are grey on the sheet. Render them with \`m3di images --output-folder ${folder}\`.`);
  }
  console.log(`wrote ${result.sheetFile} and ${result.htmlFile} (${result.shown} of ${result.total} samples)`);
  console.log(`open the gallery: file://${path.resolve(result.htmlFile).split(path.sep).map(encodeURIComponent).join('/')}`);
  return 0;
}
