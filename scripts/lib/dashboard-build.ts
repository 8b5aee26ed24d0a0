import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../lib/logger';
import { REPOSITORY_ROOT } from './paths';
import { precompressBuild } from './precompress';

const run = promisify(execFile);

/** The dashboard's project folder, its build, and the stamp written into the build: the hash of the inputs it was built from. */
function dashboardPaths(root: string): { dir: string; dist: string; stamp: string } {
  const dir = join(root, 'dashboard');
  const dist = join(dir, 'dist');
  return { dir, dist, stamp: join(dist, '.build-hash') };
}

const DASHBOARD = dashboardPaths(REPOSITORY_ROOT);

/** What a build holds besides Vite's output; part of the inputs' hash, so that a build made before a change here is made again. */
const BUILD_FORMAT = 'vite + precompressed .br/.gz';

function inputs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : inputs(path);
      return /\.test\.tsx?$/.test(entry.name) ? [] : [path];
    })
    .sort();
}

/**
 * SHA-256 of what the build depends on: every file of `dashboard/` but its build and tests, and
 * `package-lock.json` (the versions of React, Vite...), with their paths relative to `root`, and
 * the build's format (what this module adds to Vite's output).
 * Content, not modification times, so a fresh clone of a built commit is not rebuilt for nothing
 * and a changed file always is.
 *
 * @param root the repository (this one unless given)
 * @returns 64 hex characters
 */
export function dashboardInputsHash(root = REPOSITORY_ROOT): string {
  const hash = createHash('sha256').update(BUILD_FORMAT).update('\0');
  for (const file of [...inputs(dashboardPaths(root).dir), join(root, 'package-lock.json')]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Whether `dashboard/dist` was built from the current inputs: it has an `index.html` and a stamp
 * equal to {@link dashboardInputsHash}.
 *
 * @param root the repository (this one unless given)
 */
export function dashboardBuildIsCurrent(root = REPOSITORY_ROOT): boolean {
  const { dist, stamp } = dashboardPaths(root);
  return existsSync(join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === dashboardInputsHash(root);
}

/** Runs Vite's build of the dashboard into `outDir` (emptied first), then precompresses it ({@link precompressBuild}). */
async function viteBuild(outDir: string): Promise<void> {
  const vite = join(REPOSITORY_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await run(process.execPath, [vite, 'build', '--config', join(DASHBOARD.dir, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: REPOSITORY_ROOT,
    // React's production build whatever the caller's NODE_ENV (Jest sets `test`).
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 10 * 1024 * 1024,
  });
  await precompressBuild(outDir);
}

/**
 * Builds the dashboard with Vite (`dashboard/dist`) unless the build is current (see
 * {@link dashboardInputsHash}); `force` builds anyway. About 2 s.
 *
 * @returns whether it built
 * @throws the build's error (with Vite's output) when it fails
 */
export async function ensureDashboardBuilt(logger: Pick<Logger, 'info'>, force = false): Promise<boolean> {
  if (!force && dashboardBuildIsCurrent()) return false;
  const started = Date.now();
  const hash = dashboardInputsHash();
  await viteBuild(DASHBOARD.dist);
  writeFileSync(DASHBOARD.stamp, hash);
  logger.info({ dir: relative(REPOSITORY_ROOT, DASHBOARD.dist), ms: Date.now() - started }, 'dashboard built');
  return true;
}

/**
 * A build of the current sources in a folder named after their hash (under the system's temporary
 * folder), built once and then reused: test processes running at the same time, even on different
 * sources, never rebuild a folder another one serves (a new build goes to a private folder, then is
 * renamed into place).
 *
 * @returns the folder to serve (`DASHBOARD_DIR`)
 */
export async function dashboardBuildFor(tmpRoot: string): Promise<string> {
  const dir = join(tmpRoot, `threads-dashboard-${dashboardInputsHash().slice(0, 16)}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  await viteBuild(building);
  try {
    renameSync(building, dir);
  } catch {
    // Another process put the same build in place first.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
