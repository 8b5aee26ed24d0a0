import { loadDotEnv } from '../lib/config';
import { createLogger } from '../lib/logger';
import { migrateAll } from './lib/migrate-all';

/** `npm run migrate`: migrates every subgraph's schema to the latest version, then exits. */
async function main(): Promise<void> {
  loadDotEnv();
  await migrateAll(process.env, createLogger('migrate', process.env.LOG_LEVEL ?? 'info'));
}

main().catch((err: unknown) => {
  createLogger('migrate').fatal({ err }, 'migration failed');
  process.exit(1);
});
