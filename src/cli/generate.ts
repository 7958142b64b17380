import { randomInt } from 'node:crypto';
import { InputError } from '../errors.js';
import { prepareOutputFolder } from '../io/folders.js';
import { MAX_SEED } from '../latents/mt19937.js';
import { run as runLatents } from './latents.js';
import { run as runText } from './text.js';
import { asOutputFolderError } from '../dataset/output-errors.js';
import { parseFlags, parseIntegerFlag } from './args.js';
import { runOutputStages } from './output-stages.js';
import { parseRenderFlags, RENDER_FLAG_OPTIONS, RENDER_FLAG_USAGE } from './render-flags.js';
import { watchStopSignals } from './stop-signals.js';

const MAX_POINTS = 10_000_000;

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
      'n-points': { type: 'string' },
      seed: { type: 'string' },
      'position-dependent-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...RENDER_FLAG_OPTIONS,
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}\n${USAGE}`);
  const folderFlag = values['output-folder'];
  if (!folderFlag) throw new InputError(`missing --output-folder DIR\n${USAGE}`);
  const nPoints = parseIntegerFlag('--n-points', values['n-points'], 1, MAX_POINTS);
  const seedGiven = values.seed !== undefined;
  const seed = seedGiven ? parseIntegerFlag('--seed', values.seed, 0, MAX_SEED) : randomInt(0, MAX_SEED + 1);
  const positionDependentColor = values['position-dependent-color'] ?? false;
  const render = parseRenderFlags(values);
  const folder = prepareOutputFolder(folderFlag);
  const log = render.quiet ? () => undefined : console.log;
  if (!seedGiven) log(`no --seed given; using random seed ${seed} (rerun with --seed ${seed} to repeat)`);

  const stop = watchStopSignals((message) => console.error(`m3di generate: ${message}`));
  try {
    // Latents and text: cheap, rewritten on every run (the same seed gives the same bytes).
    const latentsArgs = ['--output-folder', folder, '--n-points', String(nPoints), '--seed', String(seed)];
    if (positionDependentColor) latentsArgs.push('--position-dependent-color');
    const quiet = render.quiet ? ['--quiet'] : [];
    let status: number;
    try {
      status = (await runLatents([...latentsArgs, ...quiet])) || (await runText(['--output-folder', folder, ...quiet]));
    } catch (error) {
      throw asOutputFolderError(error, folder) ?? error;
    }
    if (status !== 0) return status;

    return await runOutputStages('generate', argv, { ...render, folder }, stop);
  } finally {
    stop.dispose();
  }
}
