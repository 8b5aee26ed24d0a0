import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger } from '../lib/logger';
import { subgraphEntries } from './lib/compose-supergraph';
import { generateDashboardOperations } from './lib/dashboard-codegen';
import { generateResolverTypes, resolverTypesPath } from './lib/resolver-types';

function current(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * `npm run codegen`: writes every subgraph's `src/resolvers/types.generated.ts` and the
 * dashboard's typed operations (`dashboard/src/gql/`). With `--check` it writes nothing and exits
 * 1 naming the files that are not what it would generate.
 */
async function main(check: boolean): Promise<void> {
  const logger = createLogger('codegen');
  const outputs = new Map<string, string>();
  for (const { name: subgraph } of subgraphEntries()) outputs.set(resolverTypesPath(subgraph), await generateResolverTypes(subgraph));
  for (const [path, source] of await generateDashboardOperations()) outputs.set(path, source);
  const stale: string[] = [];
  for (const [path, generated] of outputs) {
    if (check) {
      if (current(path) !== generated) stale.push(path);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generated);
    logger.info({ path }, 'types generated');
  }
  if (stale.length > 0) {
    logger.fatal({ stale }, 'generated types are stale: run `npm run codegen`');
    process.exit(1);
  }
}

main(process.argv.includes('--check')).catch((err: unknown) => {
  createLogger('codegen').fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
