import { InputError } from '../errors.js';
import { requireFolder } from '../io/folders.js';
import { renderImages } from '../dataset/render-images.js';
import { parseFlags } from './args.js';
import { parseRenderFlags, printProgress, RENDER_FLAG_OPTIONS, RENDER_FLAG_USAGE } from './render-flags.js';

const USAGE = `usage: m3di images --output-folder DIR [--n-batches K --batch-index I] [render options]

Renders DIR/images/<index>.png (224 × 224 RGB) from DIR/latents_image.csv. Images that already
exist and decode at the right size are kept, so a rerun resumes an interrupted run.

options:
  --output-folder DIR  dataset folder written by m3di latents
  -h, --help           print this help

${RENDER_FLAG_USAGE}`;

/** Entry point of `m3di images`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { 'output-folder': { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...RENDER_FLAG_OPTIONS }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  const folderFlag = values['output-folder'];
  if (!folderFlag) throw new InputError(`missing --output-folder DIR\n${USAGE}`);
  const folder = requireFolder(folderFlag, '--output-folder', 'run `m3di latents --output-folder DIR --n-points N` first.');
  const options = parseRenderFlags(values);

  const result = await renderImages({ ...options, folder, onProgress: options.quiet ? undefined : printProgress });
  if (!options.quiet) {
    const [start, end] = result.shard;
    console.log(
      `images ${start}..${end - 1} of ${result.total}: rendered ${result.rendered}, skipped ${result.skipped} valid existing, ` +
        `${result.seconds.toFixed(1)} s${result.adapter ? ` on ${result.adapter}` : ''}`,
    );
  }
  return 0;
}
