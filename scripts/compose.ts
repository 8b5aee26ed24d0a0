import { writeFileSync } from 'node:fs';
import { createLogger } from '../lib/logger';
import { SUPERGRAPH_PATH, composeSupergraph } from './lib/compose-supergraph';

/** `npm run compose`: writes schema/supergraph.graphql, or exits 1 with every composition error. */
const logger = createLogger('compose');
try {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  logger.info({ path: SUPERGRAPH_PATH }, 'supergraph composed');
} catch (err) {
  logger.fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
