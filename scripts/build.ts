// `npm run build [-- --out-dir <dir>]`: compiles the services with tsc (tsconfig.build.json,
// CommonJS) into `dist/` (or <dir>) and copies the files they read at run time beside the compiled
// code, at the same relative paths, so `node dist/scripts/service.js <service>` runs without tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from '../lib/logger';
import { REPOSITORY_ROOT } from './lib/paths';

/**
 * Runtime files, relative to the repository root: the supergraph the gateway serves, each
 * subgraph's SDL (read next to its `src/`), and the emotion model. The dashboard's build is not
 * one of them: the image copies `dashboard/dist` and points `DASHBOARD_DIR` at it.
 */
function runtimeFiles(): string[] {
  const subgraphs = readdirSync(join(REPOSITORY_ROOT, 'subgraphs'));
  return [
    'schema/supergraph.graphql',
    ...subgraphs.map((name) => `subgraphs/${name}/schema.graphql`),
    ...subgraphs.filter((name) => existsSync(join(REPOSITORY_ROOT, 'subgraphs', name, 'model'))).map((name) => `subgraphs/${name}/model`),
  ];
}

function outDirOf(argv: readonly string[]): string {
  const index = argv.indexOf('--out-dir');
  return index >= 0 && argv[index + 1] ? resolve(argv[index + 1]!) : join(REPOSITORY_ROOT, 'dist');
}

function main(): void {
  const logger = createLogger('build', process.env.LOG_LEVEL ?? 'info');
  const outDir = outDirOf(process.argv.slice(2));
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(REPOSITORY_ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    logger.fatal({ status: tsc.status }, 'tsc failed');
    process.exit(1);
  }
  for (const file of runtimeFiles()) cpSync(join(REPOSITORY_ROOT, file), join(outDir, file), { recursive: true });
  logger.info({ outDir, ms: Date.now() - started }, 'built');
}

main();
