import { prepareOutputFolder } from '../io/folders.js';
import { MAX_SEED } from '../latents/mt19937.js';
import { sampleLatents } from '../latents/sample.js';
import { writeLatents, writeLatentsMeta } from '../latents/write.js';
import { writeText } from '../text/render.js';
import { asOutputFolderError } from '../dataset/output-errors.js';
import { parseFlags } from './args.js';
import { LATENT_FLAG_OPTIONS, MAX_POINTS, outputFolderFlag, parseLatentFlags } from './dataset-flags.js';
import { runOutputStages } from './output-stages.js';
import { parseRenderFlags, RENDER_FLAG_OPTIONS, RENDER_FLAG_USAGE } from './render-flags.js';
import { watchStopSignals } from './stop-signals.js';

const USAGE = `usage: m3di generate --output-folder DIR --n-points N [--seed S] [--position-dependent-color] [render options]

Writes a complete dataset folder: latents_image.csv, latents_text.csv, text/text_raw.txt and
images/<index>.png. Equivalent to m3di latents, m3di text and m3di images run in turn, so a
rerun with the same flags rewrites the same latents and text and resumes the images; see
\`m3di images --help\` for resuming, signals and retries.

options:
  --output-folder DIR         folder to write to; created if its parent exists
  --n-points N                number of samples, 1 to ${MAX_POINTS}
  --seed S                    latent seed, 0 to ${MAX_SEED}; random (and printed) when absent
  --position-dependent-color  hue depends on x position, as in the original option
  -h, --help                  print this help

${RENDER_FLAG_USAGE}`;

/** Entry point of `m3di generate`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      'output-folder': { type: 'string' },
      ...LATENT_FLAG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
      ...RENDER_FLAG_OPTIONS,
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const folderFlag = outputFolderFlag(values['output-folder'], positionals, USAGE);
  const { nPoints, seed, seedGiven, positionDependentColor } = parseLatentFlags(values);
  const render = parseRenderFlags(values);
  const folder = prepareOutputFolder(folderFlag);
  const log = render.quiet ? () => undefined : console.log;
  if (!seedGiven) log(`no --seed given; using random seed ${seed} (rerun with --seed ${seed} to repeat)`);

  const stop = watchStopSignals((message) => console.error(`m3di generate: ${message}`));
  try {
    // Latents and text: cheap, rewritten on every run (the same seed gives the same bytes).
    try {
      const sample = sampleLatents({ nPoints, seed, positionDependentColor });
      const { imageFile, textFile } = writeLatents(folder, sample);
      const metaFile = writeLatentsMeta(folder, { seed, seedGiven, nPoints, positionDependentColor });
      log(`wrote ${nPoints} samples to ${imageFile} and ${textFile}; seed ${seed} recorded in ${metaFile}`);
      log(`wrote ${nPoints} sentences to ${writeText(folder, sample.text)}`);
    } catch (error) {
      throw asOutputFolderError(error, folder) ?? error;
    }

    return await runOutputStages('generate', argv, { ...render, folder }, stop);
  } finally {
    stop.dispose();
  }
}
