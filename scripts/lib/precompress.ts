import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Files worth compressing: text the browser loads. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt)$/;
/** Below this size (bytes) a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/**
 * Writes a Brotli (`<file>.br`, quality 11) and a gzip (`<file>.gz`, level 9) copy next to every
 * text file of `dir` of at least 1 KiB, for the gateway's static server (sirv's `brotli` and
 * `gzip` options serve them by `Accept-Encoding`, so nothing is compressed per request). Node's
 * zlib does the work; `vite-plugin-compression2` would do the same inside Vite's build.
 *
 * @returns how many files were compressed
 */
export async function precompressBuild(dir: string): Promise<number> {
  const texts = [];
  for (const file of await files(dir)) {
    const content = await readFile(file);
    if (content.length >= MIN_BYTES) texts.push({ file, content });
  }
  await Promise.all(
    texts.map(async ({ file, content }) => {
      const [br, gz] = await Promise.all([
        brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
        gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
    }),
  );
  return texts.length;
}
