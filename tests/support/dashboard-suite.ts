import type { Browser } from 'playwright-core';
import { createLogger } from '../../lib/logger';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { testToken } from './auth';
import { builtDashboardDir, launchBrowser } from './browser';
import { useTestStack } from './stack';
import type { TestStack } from './stack';

/** What a dashboard suite's tests use: the browser, a token with every scope, the gateway's origin. */
export interface DashboardSession {
  browser: Browser;
  token: string;
  /** `http://127.0.0.1:<port>`: the dashboard is at `/`. */
  origin: string;
}

/**
 * For the enclosing `describe`: the whole stack serving the current dashboard build, seeded
 * (personas, ai-jesus's experiment), and headless Chromium, closed after the tests.
 *
 * @param overrides environment overrides of the stack
 * @returns getters of the stack and of the session (valid inside tests and later `beforeAll`s)
 */
export function useDashboardSuite(overrides: NodeJS.ProcessEnv = {}): { stack(): TestStack; session(): DashboardSession } {
  const stack = useTestStack(async () => ({ DASHBOARD_DIR: await builtDashboardDir(), ...overrides }));
  let session: DashboardSession | undefined;
  beforeAll(async () => {
    const token = await testToken();
    await seedIfEmpty(stack().gatewayUrl, createLogger('seed', 'silent'), token);
    session = { browser: await launchBrowser(), token, origin: new URL(stack().gatewayUrl).origin };
  }, 120_000);
  afterAll(async () => {
    await session?.browser.close();
  });
  return {
    stack,
    session() {
      if (!session) throw new Error('the dashboard suite has not started');
      return session;
    },
  };
}
