import { createLogger } from '../../lib/logger';
import { startStack } from '../../scripts/lib/stack';
import type { Stack, StackOptions } from '../../scripts/lib/stack';
import { createTestDatabase } from './database';
import type { TestDatabase } from './database';
import { uniqueDurable } from './nats';
import { testServiceEnv } from './subgraph-context';

/** The whole platform on free ports over a throw-away database. */
export interface TestStack extends Stack {
  database: TestDatabase;
}

/**
 * Boots every subgraph, worker and the gateway in-process on free ports (port 0), with its own
 * database and its own event consumers, as `npm start` would (`options.onQuery` counts the
 * subgraphs' SQL statements). Stop it with `stop()`.
 */
export async function startTestStack(overrides: NodeJS.ProcessEnv = {}, options: StackOptions = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const env = testServiceEnv(database.url, {
    EMOTION_CONSUMER_DURABLE: uniqueDurable('emotion-analyzer'),
    EXPERIMENTS_CONSUMER_DURABLE: uniqueDurable('experiments-outcomes'),
    // Posts are written at once unless a suite asks for a readable pace.
    OFFLINE_TOKEN_DELAY_MS: '0',
    ...overrides,
  });
  try {
    const stack = await startStack(env, createLogger('test-stack', env.LOG_LEVEL), options);
    return {
      ...stack,
      database,
      async stop() {
        await stack.stop();
        await database.drop();
      },
    };
  } catch (err) {
    await database.drop();
    throw err;
  }
}

/**
 * Starts a {@link startTestStack} before the enclosing `describe`'s tests and stops it after them.
 *
 * @param overrides environment overrides, or a function computing them at start
 * @returns a getter of the running stack (valid inside tests)
 */
export function useTestStack(overrides: NodeJS.ProcessEnv | (() => Promise<NodeJS.ProcessEnv>) = {}): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(typeof overrides === 'function' ? await overrides() : overrides);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the test stack is not running');
    return stack;
  };
}
