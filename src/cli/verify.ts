import { InputError } from '../errors.js';
import { requireFolder } from '../io/folders.js';
import { verifyDataset, type Problem } from '../dataset/verify.js';
import { parseFlags } from './args.js';

const USAGE = `usage: m3di verify DIR

Checks a dataset folder against what the original PyTorch loader needs and prints each problem:
latents_image.csv and latents_text.csv valid, with one row per sentence of text/text_raw.txt;
one sentence per line; images/<i>.png present for every sample with the loader's name width
(ceil(log10(n)) digits), each decoding at 224 × 224; no images beyond the last sample; and shard
manifests in DIR/manifests complete and made with the same latents and settings.
Exits with status 0 when the folder is loadable, 1 when a problem was found.

options:
  -q, --quiet  print only the problems
  -h, --help   print this help`;

// Problems of one kind printed in full; the rest are counted.
const SHOWN_PER_KIND = 10;

/** Prints `messages` under `prefix`, the first SHOWN_PER_KIND in full and a count of the rest. */
function printGrouped(messages: string[], prefix: string, kind: string): void {
  for (const message of messages.slice(0, SHOWN_PER_KIND)) console.log(`${prefix}${message}`);
  if (messages.length > SHOWN_PER_KIND) console.log(`${prefix}... and ${messages.length - SHOWN_PER_KIND} more (${kind})`);
}

/** Entry point of `m3di verify`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`expected one dataset folder, got ${positionals.length} arguments\n${USAGE}`);
  const folder = requireFolder(positionals[0], 'dataset folder', 'give the folder that m3di generate or m3di latents wrote.');
  const quiet = values.quiet ?? false;

  const report = verifyDataset(folder, {
    progressEvery: 10_000,
    onProgress: quiet ? undefined : (checked, total) => console.error(`checked ${checked}/${total} images`),
  });

  const byKind = new Map<string, Problem[]>();
  for (const problem of report.problems) byKind.set(problem.kind, [...(byKind.get(problem.kind) ?? []), problem]);
  for (const [kind, problems] of byKind) printGrouped(problems.map((problem) => problem.message), 'problem: ', kind);
  if (!quiet) printGrouped(report.warnings, 'warning: ', 'temporary files');

  const summary = `${folder}: ${report.samples} samples, ${report.imagesChecked} images checked`;
  if (report.problems.length === 0) {
    if (!quiet) console.log(`${summary}: OK`);
    return 0;
  }
  console.log(`${summary}: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}`);
  return 1;
}
