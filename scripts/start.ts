import { createLogger } from '../lib/logger';
import { DEFAULT_DATABASE_URL, DEFAULT_NATS_URL } from '../lib/config';
import { describeStartupError, onSignals } from '../lib/server';
import { preflight } from './lib/preflight';
import { seedIfEmpty } from './lib/seed';
import { startStack } from './lib/stack';

/**
 * `npm start`: checks Postgres and NATS, migrates and starts the four subgraphs, their workers
 * and the gateway in one process, seeds an empty database, prints the GraphiQL URL; Ctrl-C
 * shuts everything down cleanly.
 */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  const env = process.env;
  const logger = createLogger('platform', env.LOG_LEVEL ?? 'info');
  const problems = await preflight(env.DATABASE_URL ?? DEFAULT_DATABASE_URL, env.NATS_URL ?? DEFAULT_NATS_URL);
  if (problems.length > 0) {
    for (const problem of problems) logger.fatal(problem);
    process.exit(1);
  }
  try {
    const stack = await startStack(env, logger);
    onSignals(() => stack.stop(), logger);
    await seedIfEmpty(stack.gatewayUrl, logger);
    const url = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
    process.stdout.write(`\n  Threads Agent Supergraph is up: GraphiQL at ${url}\n  Ctrl-C to stop.\n\n`);
  } catch (err) {
    logger.fatal({ err }, describeStartupError(err));
    process.exit(1);
  }
}

void main();
