import { InputError } from '../errors.js';
import { requireFolder } from '../io/folders.js';
import { parseFlags } from './args.js';
import { runOutputStages } from './output-stages.js';
import { parseRenderFlags, RENDER_FLAG_OPTIONS, RENDER_FLAG_USAGE } from './render-flags.js';
import { watchStopSignals } from './stop-signals.js';

const USAGE = `usage: m3di images --output-folder DIR [--n-batches K --batch-index I] [render options]

Renders DIR/images/<index>.png (224 × 224 RGB) from DIR/latents_image.csv. Images that already
exist and decode at the right size are kept, so a rerun resumes an interrupted run. Each PNG is
written to a temporary name and renamed, so a killed run leaves only whole images; the next run
removes the temporary files of runs that no longer run. Shard processes may write into one folder
at the same time. Each run records its settings in DIR/manifests/shard-I-of-K.json.

SIGINT or SIGTERM stops the run after the batch in flight is written (exit status 130 or 143);
a second signal stops at once. A failed batch or lost GPU device is retried on a new device up
to 3 times.

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

  const stop = watchStopSignals((message) => console.error(`m3di images: ${message}`));
  try {
    return await runOutputStages('images', argv, { ...options, folder }, stop);
  } finally {
    stop.dispose();
  }
}
