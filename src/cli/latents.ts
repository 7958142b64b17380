import { prepareOutputFolder } from '../io/folders.js';
import { MAX_SEED } from '../latents/mt19937.js';
import { sampleLatents } from '../latents/sample.js';
import { writeLatents, writeLatentsMeta } from '../latents/write.js';
import { LATENT_FLAG_OPTIONS, MAX_POINTS, outputFolderFlag, parseLatentFlags } from './dataset-flags.js';
import { parseFlags } from './args.js';

const USAGE = `usage: m3di latents --output-folder DIR --n-points N [--seed S] [--position-dependent-color]

Samples N sets of latent factors and writes DIR/latents_image.csv, DIR/latents_text.csv and
DIR/latents_meta.json (the seed and options). The same seed gives the original generator's files.

options:
  --output-folder DIR         folder to write to; created if its parent exists
  --n-points N                number of samples, 1 to ${MAX_POINTS}
  --seed S                    MT19937 seed as for np.random.seed, 0 to ${MAX_SEED}; without it a random
                              seed is drawn, printed and recorded in latents_meta.json
  --position-dependent-color  store hue (xpos + u) / 3 instead of u, so hue depends on x position
  -q, --quiet                 print nothing but errors
  -h, --help                  print this help`;

/** Entry point of `m3di latents`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      'output-folder': { type: 'string' },
      ...LATENT_FLAG_OPTIONS,
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const folderFlag = outputFolderFlag(values['output-folder'], positionals, USAGE);
  const { nPoints, seed, seedGiven, positionDependentColor } = parseLatentFlags(values);

  const folder = prepareOutputFolder(folderFlag);
  const log = values.quiet ? () => undefined : console.log;
  if (!seedGiven) log(`no --seed given; using random seed ${seed} (rerun with --seed ${seed} to repeat)`);

  const sample = sampleLatents({ nPoints, seed, positionDependentColor });
  const { imageFile, textFile } = writeLatents(folder, sample);
  const metaFile = writeLatentsMeta(folder, { seed, seedGiven, nPoints, positionDependentColor });

  log(`wrote ${nPoints} samples to ${imageFile} and ${textFile}; seed ${seed} recorded in ${metaFile}`);
  return 0;
}
