import { InputError } from '../errors.js';

/** One sub-command: its one-line summary and its entry point, loaded on demand. */
interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  latents: { summary: 'sample latents and write latents_image.csv and latents_text.csv', load: () => import('./latents.js') },
  text: { summary: 'write text/text_raw.txt from latents_text.csv', load: () => import('./text.js') },
  images: { summary: 'render images/N.png from latents_image.csv', load: () => import('./images.js') },
  generate: { summary: 'latents, text and images in one run', load: () => import('./generate.js') },
  preview: { summary: 'contact sheet PNG and HTML gallery of a dataset folder', load: () => import('./preview.js') },
  verify: { summary: 'check a dataset folder against what the PyTorch loader needs', load: () => import('./verify.js') },
};

function usage(): string {
  const lines = ['usage: m3di COMMAND [OPTIONS]', '', 'commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  lines.push('', 'Run `m3di COMMAND --help` for the options of one command.');
  return lines.join('\n');
}

/** Runs the m3di command line with `argv` (without node and script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }

  const command = COMMANDS[name];
  if (!command) {
    console.error(`m3di: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }

  try {
    const module = await command.load();
    return await module.run(rest);
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`m3di ${name}: error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
