import type { Browser } from 'playwright-core';
import { createLogger } from '../../lib/logger';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { testToken } from '../support/auth';
import { builtDashboardDir, launchBrowser, openPage, screenshot, seriousViolations } from '../support/browser';
import { useTestStack } from '../support/stack';

describe('the dashboard in a real browser: overview, token and navigation', () => {
  const stack = useTestStack(async () => ({ DASHBOARD_DIR: await builtDashboardDir() }));
  let browser: Browser;
  let token: string;
  let origin: string;

  beforeAll(async () => {
    token = await testToken();
    origin = new URL(stack().gatewayUrl).origin;
    await seedIfEmpty(stack().gatewayUrl, createLogger('seed', 'silent'), token);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('takes the token from the URL fragment, removes it from the address bar, and shows the overview', async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/#token=${token}`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      expect(page.url()).toBe(`${origin}/`);
      expect(await page.evaluate(() => sessionStorage.getItem('threads-agent-token'))).toBe(token);
      await page.getByText('Live', { exact: true }).waitFor();
      await page.getByRole('row', { name: /ai-jesus/ }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents()).toEqual(['Overview', 'Studio', 'Posts', 'Experiments', 'Achievements']);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'overview');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks for a token without one, and shows what the API says about a bad one', async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${origin}/`);
      await page.getByLabel('Token').fill('not-a-token');
      await page.getByRole('button', { name: 'Use token' }).click();
      await page.getByRole('alert').filter({ hasText: 'UNAUTHENTICATED' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('serves the app on its routes with cache headers, and fits a 375 px wide screen', async () => {
    const index = await fetch(`${origin}/studio`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await index.text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${origin}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
    try {
      await page.goto(`${origin}/#token=${token}`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'overview-375');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
