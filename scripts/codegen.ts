import { readFileSync, writeFileSync } from 'node:fs';
import { createLogger } from '../lib/logger';
import { subgraphEntries } from './lib/compose-supergraph';
import { generateResolverTypes, resolverTypesPath } from './lib/resolver-types';

/**
 * `npm run codegen`: writes every subgraph's `src/resolvers/types.generated.ts`. With `--check`
 * it writes nothing and exits 1 naming the files that are not what it would generate.
 */
async function main(check: boolean): Promise<void> {
  const logger = createLogger('codegen');
  const stale: string[] = [];
  for (const { name: subgraph } of subgraphEntries()) {
    const path = resolverTypesPath(subgraph);
    const generated = await generateResolverTypes(subgraph);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing: stale
      }
      if (current !== generated) stale.push(path);
      continue;
    }
    writeFileSync(path, generated);
    logger.info({ subgraph, path }, 'resolver types generated');
  }
  if (stale.length > 0) {
    logger.fatal({ stale }, 'generated resolver types are stale: run `npm run codegen`');
    process.exit(1);
  }
}

main(process.argv.includes('--check')).catch((err: unknown) => {
  createLogger('codegen').fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
