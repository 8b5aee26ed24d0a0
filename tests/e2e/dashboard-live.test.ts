import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { bearer } from '../support/auth';
import { openPage } from '../support/browser';
import { openCuttableLink } from '../support/cuttable-link';
import type { CuttableLink } from '../support/cuttable-link';
import { useDashboardSuite } from '../support/dashboard-suite';
import { queryData } from '../support/graphql';

const SEEDED_EXPERIMENT = 'ai-jesus hook styles';

/** What Chromium logs by itself while the link is cut (failed sockets and requests); the page must add nothing else. */
const CUT_NETWORK_ERROR = /WebSocket connection to '.*' failed|net::ERR_/;

describe('the dashboard in a real browser: live updates across a lost connection', () => {
  const suite = useDashboardSuite();
  const stack = suite.stack;
  let browser: Browser;
  let token: string;
  /** The browser reaches the gateway through this link, so that the test can cut its connection. */
  let link: CuttableLink;
  let linkedOrigin: string;

  const api = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => queryData<T>(stack().gatewayUrl, query, variables, await bearer());
  const indicator = (page: Page, label: string) => page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${label}$`) });
  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);

  beforeAll(async () => {
    ({ browser, token } = suite.session());
    link = await openCuttableLink(Number(new URL(stack().gatewayUrl).port));
    linkedOrigin = `http://127.0.0.1:${link.port}`;
  });

  afterAll(async () => {
    await link?.close();
  });

  /** Cuts the link until `meanwhile` has run and a moment more, then restores it; the indicator must say so. */
  async function whileCut(page: Page, meanwhile: () => Promise<void>): Promise<void> {
    link.cut();
    try {
      await indicator(page, 'Reconnecting…').waitFor();
      await meanwhile();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      link.restore();
    }
    await indicator(page, 'Live').waitFor({ timeout: 20_000 });
  }

  it('replays the achievements stored while the connection was down, announces them and lists them, without reloading', async () => {
    const run = randomBytes(4).toString('hex');
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${linkedOrigin}/achievements#token=${token}`);
      await page.getByRole('heading', { level: 1, name: 'Achievements' }).waitFor();
      await indicator(page, 'Live').waitFor();
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));

      let title = '';
      await whileCut(page, async () => {
        const { createAchievement } = await api<{ createAchievement: { title: string } }>('mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { title } }', {
          input: { title: `Shipped while the dashboard was offline ${run}`, category: 'FEATURE', impactScore: 70, complexityScore: 40, businessValue: 5000, completedAt: '2026-05-01T10:00:00.000Z' },
        });
        title = createAchievement.title;
      });

      // The announcement comes only from the replayed event; the row from the list read again.
      await page.locator('[aria-live="polite"].announce').filter({ hasText: `New achievement: ${title}` }).waitFor();
      await page.getByRole('rowheader', { name: title, exact: true }).waitFor();
      const { achievementStats } = await api<{ achievementStats: { count: number } }>('{ achievementStats { count } }');
      await page.getByTestId('achievement-count').filter({ hasText: new RegExp(`^${achievementStats.count}$`) }).waitFor();
      expect(await notReloaded(page)).toBe(true);
      expect(errors.filter((e) => !CUT_NETWORK_ERROR.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reads an experiment again after a reconnection: counts recorded while the connection was down show up (experimentUpdated has no replay)', async () => {
    const { experiments } = await api<{ experiments: Array<{ id: string; name: string; status: string; variants: Array<{ id: string; name: string; impressions: number }> }> }>(
      '{ experiments { id name status variants { id name impressions } } }',
    );
    const experiment = experiments.find((e) => e.name === SEEDED_EXPERIMENT)!;
    if (experiment.status !== 'ACTIVE') await api('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: experiment.id });
    const control = experiment.variants.find((v) => v.name === 'control')!;
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${linkedOrigin}/experiments#token=${token}`);
      const card = page.getByRole('article', { name: SEEDED_EXPERIMENT });
      await card.waitFor();
      await indicator(page, 'Live').waitFor();
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));

      let impressions = 0;
      await whileCut(page, async () => {
        const { recordVariantPerformance } = await api<{ recordVariantPerformance: { impressions: number } }>(
          'mutation($id: ID!) { recordVariantPerformance(variantId: $id, impressions: 25, successes: 3) { impressions } }',
          { id: control.id },
        );
        impressions = recordVariantPerformance.impressions;
      });

      const controlRow = card.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'control', exact: true }) });
      await controlRow.locator('td').first().filter({ hasText: new RegExp(`^${impressions}$`) }).waitFor();
      expect(await notReloaded(page)).toBe(true);
      expect(errors.filter((e) => !CUT_NETWORK_ERROR.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('stops reconnecting when the gateway refuses the token, and says so', async () => {
    const { page, context } = await openPage(browser);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    try {
      await page.goto(`${linkedOrigin}/#token=not-a-valid-token`);
      await indicator(page, 'Not live: token refused').waitFor();
      await page.getByRole('alert').filter({ hasText: 'UNAUTHENTICATED' }).first().waitFor();
      const opened = sockets.length;
      expect(opened).toBeGreaterThan(0);
      // graphql-ws would retry a 4403 close after 0.5, 1 and 2 s: no new socket may open.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      expect(sockets).toHaveLength(opened);
      expect(await indicator(page, 'Not live: token refused').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
