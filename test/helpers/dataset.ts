import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Root of the repository; tests run from dist/test. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Reference outputs of the original generator, beside the checkout; may be absent. */
export const referenceLatentsDir = path.resolve(repoRoot, '..', 'shared', 'reference', 'latents');

/** Returns the reference folders (e.g. seed0_n1000_position_dependent_color) with the options their names encode; [] when absent. */
export function referenceCases(): { name: string; dir: string; seed: number; nPoints: number; positionDependentColor: boolean }[] {
  if (!fs.existsSync(referenceLatentsDir)) return [];

  return fs
    .readdirSync(referenceLatentsDir)
    .sort()
    .map((name) => {
      const match = /^seed(\d+)_n(\d+)(_position_dependent_color)?$/.exec(name);
      if (!match) throw new Error(`unexpected reference folder name ${name}`);
      return {
        name,
        dir: path.join(referenceLatentsDir, name),
        seed: Number(match[1]),
        nPoints: Number(match[2]),
        positionDependentColor: match[3] !== undefined,
      };
    });
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Creates an empty temporary folder, removed when the test process exits, and returns its path. */
export function makeTempDir(prefix = 'm3di-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Runs `node bin/m3di.js ...args` from the repository root and returns its status and output. */
export function runM3di(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'm3di.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
