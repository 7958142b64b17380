import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Path of a Chromium binary: $M3DI_CHROMIUM, or chromium / chromium-browser on the PATH; undefined when none is installed. */
export function findChromium(): string | undefined {
  const candidates = [process.env.M3DI_CHROMIUM, ...['chromium', 'chromium-browser'].flatMap((name) => (process.env.PATH ?? '').split(path.delimiter).map((folder) => path.join(folder, name)))];
  return candidates.find((file) => file !== undefined && file !== '' && fs.existsSync(file));
}

/** Flags for a headless run that stays off the network and leaves no profile behind. */
function headlessFlags(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
  ];
}

/** Runs headless Chromium on `url` with `extraFlags` in a temporary profile and returns its stdout. */
export function runChromium(chromium: string, url: string, extraFlags: string[]): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'm3di-chromium-'));
  try {
    const result = spawnSync(chromium, [...headlessFlags(profile), ...extraFlags, url], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited with status ${result.status}: ${result.stderr.slice(-2000)}`);
    return result.stdout;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Returns the DOM of `url` after its load event, serialised by Chromium's --dump-dom. */
export function dumpDom(chromium: string, url: string): string {
  return runChromium(chromium, url, ['--dump-dom']);
}
