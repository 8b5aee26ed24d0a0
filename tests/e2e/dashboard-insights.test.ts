import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { bearer, testToken } from '../support/auth';
import { openPage, screenshot, seriousViolations } from '../support/browser';
import { queryData } from '../support/graphql';
import { useDashboardSuite } from '../support/dashboard-suite';

const SEEDED_EXPERIMENT = 'ai-jesus hook styles';

interface ExperimentState {
  id: string;
  name: string;
  status: string;
  variants: Array<{ id: string; name: string }>;
}

/**
 * Repeats `act` until `arrived` sees its effect on the page: the first proof that the page's
 * subscription is open (the API has no acknowledgement of a graphql-ws `subscribe`, and an event
 * published before it is open is not replayed). Returns what the successful `act` returned.
 */
async function untilLive<T>(act: (attempt: number) => Promise<T>, arrived: (acted: T) => Locator): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const acted = await act(attempt);
    try {
      await arrived(acted).waitFor({ timeout: 3000 });
      return acted;
    } catch (err) {
      if (attempt === 5) throw err;
    }
  }
}

describe('the dashboard in a real browser: experiments and achievements', () => {
  const suite = useDashboardSuite();
  const stack = suite.stack;
  let browser: Browser;
  let token: string;
  let origin: string;

  const api = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => queryData<T>(stack().gatewayUrl, query, variables, await bearer());

  /** The seeded experiment, ACTIVE whatever an earlier test left it in. */
  async function activeSeededExperiment(): Promise<ExperimentState> {
    const { experiments } = await api<{ experiments: ExperimentState[] }>('{ experiments { id name status variants { id name } } }');
    const experiment = experiments.find((e) => e.name === SEEDED_EXPERIMENT);
    if (!experiment) throw new Error('the seeded experiment is missing');
    if (experiment.status !== 'ACTIVE') await api('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: experiment.id });
    return { ...experiment, status: 'ACTIVE' };
  }

  async function openExperiments(page: Page, pageToken = token): Promise<Locator> {
    await page.goto(`${origin}/experiments#token=${pageToken}`);
    await page.getByRole('heading', { level: 1, name: 'Experiments' }).waitFor();
    const card = page.getByRole('article', { name: SEEDED_EXPERIMENT });
    await card.waitFor();
    return card;
  }

  const statusOf = (card: Locator, label: string) => card.getByTestId('experiment-status').filter({ hasText: new RegExp(`^${label}$`) });
  const variantRow = (card: Locator, name: string) => card.locator('tbody tr').filter({ has: card.page().getByRole('rowheader', { name, exact: true }) });

  beforeAll(() => {
    ({ browser, token, origin } = suite.session());
  });

  it('shows each experiment with its variants as a chart with error bars and a table, and Pause then Start change its status', async () => {
    await activeSeededExperiment();
    const { page, context, errors } = await openPage(browser);
    try {
      const card = await openExperiments(page);
      await statusOf(card, 'Active').waitFor();
      expect(await card.locator('.facts').innerText()).toEqual(expect.stringContaining('ai-jesus'));
      expect(await card.locator('.facts').innerText()).toEqual(expect.stringContaining('Thompson sampling'));
      expect(await card.locator('tbody th[scope="row"]').allTextContents()).toEqual(['control', 'question', 'statistic']);
      expect(await card.locator('thead th').allTextContents()).toEqual([
        'Variant', 'Impressions', 'Successes', 'Success rate', '95 % credible interval', 'Probability best', 'z', 'p', 'Significant', 'Lift',
      ]);
      // No impressions yet: the uniform prior's 95 % interval, nothing tested.
      expect(await variantRow(card, 'question').locator('td').allTextContents()).toEqual(['0', '0', '0.0 %', '2.5 % – 97.5 %', expect.stringMatching(/ %$/), '—', '—', 'Not tested', '—']);
      const chart = card.getByRole('img', { name: `Success rate of each variant of ${SEEDED_EXPERIMENT}, with its 95 % credible interval as an error bar` });
      await chart.waitFor();
      // One whisker per variant (drawn once the chart has measured itself).
      await chart.locator('.recharts-errorBar').nth(2).waitFor({ state: 'attached' });
      expect(await chart.locator('.recharts-errorBar').count()).toBe(3);

      await page.getByText('Live', { exact: true }).waitFor();
      await card.getByRole('button', { name: 'Pause' }).click();
      await statusOf(card, 'Paused').waitFor();
      expect(await card.getByRole('group').getByRole('button').allTextContents()).toEqual(['Start', 'Complete']);
      await card.getByRole('button', { name: 'Start' }).click();
      await statusOf(card, 'Active').waitFor();
      expect(await card.getByRole('group').getByRole('button').allTextContents()).toEqual(['Pause', 'Complete']);

      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'experiments');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('updates counts, significance and status live through experimentUpdated, without reloading', async () => {
    const experiment = await activeSeededExperiment();
    const control = experiment.variants.find((v) => v.name === 'control')!;
    const question = experiment.variants.find((v) => v.name === 'question')!;
    const record = (variantId: string, impressions: number, successes: number) =>
      api<{ recordVariantPerformance: { impressions: number } }>('mutation($id: ID!, $i: Int!, $s: Int!) { recordVariantPerformance(variantId: $id, impressions: $i, successes: $s) { impressions } }', { id: variantId, i: impressions, s: successes });

    const { page, context, errors } = await openPage(browser);
    try {
      const card = await openExperiments(page);
      await page.getByText('Live', { exact: true }).waitFor();
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));

      await untilLive(
        () => record(control.id, 40, 4),
        ({ recordVariantPerformance }) => variantRow(card, 'control').locator('td').first().filter({ hasText: new RegExp(`^${recordVariantPerformance.impressions}$`) }),
      );
      await record(question.id, 40, 12);
      const { experiment: current } = await api<{ experiment: { results: { comparisons: Array<{ variant: { name: string }; zScore: number; significant: boolean }> } } }>(
        'query($id: ID!) { experiment(id: $id) { results { comparisons { variant { name } zScore significant } } } }',
        { id: experiment.id },
      );
      const tested = current.results.comparisons.find((c) => c.variant.name === 'question')!;
      const questionCells = variantRow(card, 'question').locator('td');
      await questionCells.nth(5).filter({ hasText: new RegExp(`^${tested.zScore.toFixed(2)}$`) }).waitFor();
      expect(await questionCells.nth(7).textContent()).toBe(tested.significant ? 'Yes' : 'No');
      expect(await questionCells.nth(0).textContent()).toBe('40');

      await api('mutation($id: ID!) { pauseExperiment(id: $id) { id } }', { id: experiment.id });
      await statusOf(card, 'Paused').waitFor();
      await api('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: experiment.id });
      await statusOf(card, 'Active').waitFor();
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('starts a draft experiment and completes it with the winner chosen', async () => {
    const { personas } = await api<{ personas: Array<{ id: string; name: string }> }>('{ personas { id name } }');
    const name = `ai-elon tones ${randomBytes(3).toString('hex')}`;
    await api('mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', {
      input: {
        name,
        personaId: personas.find((p) => p.name === 'ai-elon')!.id,
        algorithm: 'FIXED_ALLOCATION',
        variants: [
          { name: 'hype', isControl: true, dimensions: { tone: 'hype' } },
          { name: 'calm', isControl: false, dimensions: { tone: 'calm' } },
        ],
      },
    });
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/experiments#token=${token}`);
      const card = page.getByRole('article', { name });
      await statusOf(card, 'Draft').waitFor();
      expect(await card.getByRole('group').getByRole('button').allTextContents()).toEqual(['Start']);
      await card.getByRole('button', { name: 'Start' }).click();
      await statusOf(card, 'Active').waitFor();
      expect(await card.locator('.facts').innerText()).toContain('Fixed allocation');

      await card.getByRole('button', { name: 'Complete' }).click();
      await card.getByLabel('Winner').selectOption({ label: 'calm' });
      await card.getByRole('button', { name: 'Confirm complete' }).click();
      await statusOf(card, 'Completed').waitFor();
      expect(await card.locator('.facts').innerText()).toMatch(/Winner\s+calm/);
      expect(await card.getByRole('button').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a token without experiments:write what it lacks when it presses Pause, and changes nothing', async () => {
    await activeSeededExperiment();
    const limited = await testToken({ sub: 'content-only', scope: 'content:write' });
    const { page, context, errors } = await openPage(browser);
    try {
      const card = await openExperiments(page, limited);
      await card.getByRole('button', { name: 'Pause' }).click();
      const alert = card.getByRole('alert').filter({ hasText: 'FORBIDDEN' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Your token lacks experiments:write or admin.');
      expect(await card.getByTestId('experiment-status').textContent()).toBe('Active');
      // The browser itself logs the 403 response; the page adds nothing.
      expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters the achievements, shows one created through the API live, and exports the portfolio as a Markdown download', async () => {
    const run = randomBytes(4).toString('hex');
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/achievements#token=${token}`);
      await page.getByRole('heading', { level: 1, name: 'Achievements' }).waitFor();
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));

      // Once, without waiting for the page to be live: it subscribes from the time it opened, so an achievement stored before its subscription is open still arrives.
      const { createAchievement: created } = await api<{ createAchievement: { id: string; title: string } }>('mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id title } }', {
        input: { title: `Cut feed latency by forty percent ${run}`, category: 'PERFORMANCE', impactScore: 82, complexityScore: 60, businessValue: 12000, completedAt: '2026-03-12T10:00:00.000Z' },
      });
      await page.getByRole('rowheader', { name: created.title, exact: true }).waitFor();
      expect(await page.locator('[aria-live="polite"].announce').textContent()).toBe(`New achievement: ${created.title}`);
      const { achievementStats } = await api<{ achievementStats: { count: number } }>('{ achievementStats { count } }');
      await page.getByTestId('achievement-count').filter({ hasText: new RegExp(`^${achievementStats.count}$`) }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await page.getByRole('img', { name: /^Achievements per month, / }).waitFor();

      await page.getByLabel('Search').fill(run);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByLabel('Category').selectOption('SECURITY');
      await page.getByText('No achievement matches these filters.').waitFor();
      await page.getByLabel('Category').selectOption('PERFORMANCE');
      await page.getByRole('rowheader', { name: created.title, exact: true }).waitFor();
      const titles = await page.getByRole('region', { name: 'List' }).getByRole('rowheader').allTextContents();
      expect(titles).toContain(created.title);
      expect(titles.filter((title) => !title.includes(run))).toEqual([]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^portfolio-\d{8}_\d{6}(_\d+)?\.md$/);
      expect(await readFile(await download.path(), 'utf8')).toContain(created.title);
      await page.getByRole('status').filter({ hasText: `Downloaded ${download.suggestedFilename()}` }).waitFor();

      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'achievements');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits both pages on a 375 px wide screen', async () => {
    await activeSeededExperiment();
    const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
    try {
      for (const [path, heading] of [['experiments', 'Experiments'], ['achievements', 'Achievements']] as const) {
        await page.goto(`${origin}/${path}#token=${token}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.getByRole('table').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `${path}-375`);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
