import type { Browser, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { queryData } from '../support/graphql';
import { openPage, screenshot, seriousViolations } from '../support/browser';
import { useDashboardSuite } from '../support/dashboard-suite';

/** The seed's experiment for ai-jesus (scripts/lib/seed.ts): every post of ai-jesus gets one of its variants. */
const SEED_VARIANTS = ['control', 'question', 'statistic'];

/** Starts recording the length of the Studio's streamed text each time the page changes it (read back with {@link recordedLengths}). */
async function recordTextLengths(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lengths: number[] = [];
    (window as unknown as { textLengths: number[] }).textLengths = lengths;
    new MutationObserver(() => {
      const length = document.querySelector('[data-testid="job-text"]')?.textContent?.length ?? 0;
      if (length !== lengths[lengths.length - 1]) lengths.push(length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function recordedLengths(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { textLengths: number[] }).textLengths);
}

/** How far the page scrolls sideways, in px (0 or less: it fits its viewport). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('the dashboard in a real browser: Studio, Posts and a post', () => {
  // 40 ms a word: a post takes a couple of seconds, long enough to watch it grow and to cancel one.
  const suite = useDashboardSuite({ OFFLINE_TOKEN_DELAY_MS: '40' });
  const stack = suite.stack;
  let browser: Browser;
  let token: string;
  let origin: string;

  beforeAll(() => {
    ({ browser, token, origin } = suite.session());
  });

  /** Writes a post of ai-elon through the API and waits for its trajectory; returns its id. */
  async function writtenPost(topic: string): Promise<string> {
    const call = <T>(q: string, variables: Record<string, unknown>) => queryData<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });
    const { personas } = await call<{ personas: Array<{ id: string; name: string }> }>('{ personas { id name } }', {});
    const personaId = personas.find((p) => p.name === 'ai-elon')!.id;
    const { generatePost } = await call<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', { input: { personaId, topic } });
    return eventually(async () => {
      const { generationJob } = await call<{ generationJob: { post: { id: string; emotionTrajectory: { id: string } | null } | null } }>(
        'query($id: ID!) { generationJob(id: $id) { post { id emotionTrajectory { id } } } }',
        { id: generatePost.id },
      );
      return generationJob.post?.emotionTrajectory ? generationJob.post.id : undefined;
    }, 30_000);
  }

  it('generates a post from the Studio, shows it word by word with its status, variant and trajectory, then records engagement and publishes it', async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/studio#token=${token}`);
      await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      await page.getByLabel('Persona').selectOption({ label: '🙏 ai-jesus' });
      await page.getByLabel('Topic').fill('patience with strangers on a crowded train');
      expect(await seriousViolations(page)).toEqual([]);
      await recordTextLengths(page);
      await page.getByRole('button', { name: 'Generate' }).click();

      const panel = page.getByTestId('job-panel');
      await panel.getByTestId('job-status').filter({ hasText: 'COMPLETED' }).waitFor({ timeout: 30_000 });
      const lengths = await recordedLengths(page);
      const finalText = (await panel.getByTestId('job-text').textContent()) ?? '';
      // The text grew in several steps (word by word), each longer than the last, up to the post.
      const growing = lengths.filter((length) => length > 0);
      expect(growing.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < growing.length; i++) expect(growing[i]!).toBeGreaterThan(growing[i - 1]!);
      expect(growing[growing.length - 1]).toBe(finalText.length);
      expect(finalText).toContain('\n\n');

      const variant = (await panel.getByTestId('job-variant').locator('strong').textContent()) ?? '';
      expect(SEED_VARIANTS).toContain(variant);
      const figure = panel.getByRole('figure', { name: /^Emotion trajectory/ });
      await figure.waitFor({ timeout: 30_000 });
      expect(['RISING', 'FALLING', 'STABLE', 'VOLATILE']).toContain(await figure.getByTestId('trajectory-type').textContent());
      expect(await figure.getByRole('application', { name: /^Emotion trajectory: / }).count()).toBe(1);
      expect(await figure.locator('.chart path.recharts-line-curve').count()).toBe(8);
      await page.getByRole('status').filter({ hasText: 'emotion trajectory stored' }).waitFor();
      await page.getByRole('row', { name: /patience with strangers/ }).getByText('COMPLETED').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'studio');

      // Posts: filter by persona, then open the post just written.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Posts' }).click();
      await page.getByRole('heading', { name: 'Posts', level: 1 }).waitFor();
      await page.getByLabel('Persona').selectOption({ label: '🙏 ai-jesus' });
      await page.waitForURL(/\/posts\?persona=/);
      const hook = finalText.split('\n\n')[0]!;
      const rows = page.getByRole('table', { name: /Posts, page 1/ }).getByRole('row');
      await rows.filter({ hasText: hook }).waitFor();
      expect(await rows.filter({ hasText: 'ai-elon' }).count()).toBe(0);
      await page.getByLabel('Status').selectOption('DRAFT');
      await rows.filter({ hasText: hook }).getByText('DRAFT').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'posts');
      await rows.filter({ hasText: hook }).getByRole('link').click();

      // The post's page: text, variant, trajectory, then engagement and publication.
      await page.getByRole('heading', { name: hook, level: 1 }).waitFor();
      expect(await page.getByTestId('post-variant').locator('strong').textContent()).toBe(variant);
      await page.getByRole('figure', { name: /^Emotion trajectory/ }).getByRole('application').waitFor();
      await page.getByTestId('sentiment').waitFor();
      await page.getByRole('heading', { name: 'Transitions' }).waitFor();
      expect(await page.getByTestId('post-status').textContent()).toBe('DRAFT');
      await page.getByLabel('Impressions').fill('200');
      await page.getByLabel('Likes').fill('12');
      await page.getByLabel('Replies').fill('5');
      await page.getByLabel('Reposts').fill('3');
      await page.getByLabel('Follows').fill('2');
      await page.getByRole('button', { name: 'Record engagement' }).click();
      // (12 + 5 + 3) / 200 = 10 %
      await page.getByTestId('recorded-rate').filter({ hasText: 'engagement rate 10.0 %' }).waitFor();
      await page.getByTestId('engagement-rate').filter({ hasText: '10.0 %' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'post');

      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByTestId('post-status').filter({ hasText: /^PUBLISHED$/ }).waitFor({ timeout: 30_000 });
      expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cancels a running job from the Studio', async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/studio#token=${token}`);
      await page.getByLabel('Persona').selectOption({ label: '🚀 ai-elon' });
      await page.getByLabel('Topic').fill('rockets that land themselves, told slowly');
      await page.getByRole('button', { name: 'Generate' }).click();
      const panel = page.getByTestId('job-panel');
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await panel.getByTestId('job-status').filter({ hasText: 'CANCELLED' }).waitFor();
      expect(await panel.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
      await page.getByRole('row', { name: /rockets that land themselves/ }).getByText('CANCELLED').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('updates a post\'s page live when another client records its engagement and publishes it (postEngagementUpdated, postPublished)', async () => {
    const postId = await writtenPost('a launch watched from two screens');
    const call = <T>(q: string, variables: Record<string, unknown>) => queryData<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/posts/${postId}#token=${token}`);
      await page.getByTestId('post-status').filter({ hasText: /^DRAFT$/ }).waitFor();
      // Not waiting for the page to be live: its subscriptions start from the time it opened.
      await call('mutation($id: ID!, $input: EngagementInput!) { recordEngagement(postId: $id, input: $input) { id } }', {
        id: postId,
        input: { impressions: 400, likes: 30, replies: 6, reposts: 4, follows: 1 },
      });
      // (30 + 6 + 4) / 400 = 10 %
      await page.getByTestId('engagement-rate').filter({ hasText: '10.0 %' }).waitFor();
      // The page never sees PUBLISHING (that change has no event), so it does not poll: only postPublished can tell it.
      await call('mutation($id: ID!) { publishPost(id: $id) { id } }', { id: postId });
      await page.getByTestId('post-status').filter({ hasText: /^PUBLISHED$/ }).waitFor({ timeout: 30_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits the Studio, Posts and a post on a 375 px wide screen', async () => {
    const postId = await writtenPost('a narrow screen, and what fits on it');
    const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
    try {
      await page.goto(`${origin}/posts#token=${token}`);
      const link = page.getByRole('table', { name: /Posts, page 1/ }).locator(`a[href="/posts/${postId}"]`);
      await link.waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'posts-375');
      await link.click();
      await page.getByRole('figure', { name: /^Emotion trajectory/ }).getByRole('application').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'post-375');
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Studio' }).click();
      await page.getByLabel('Topic').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'studio-375');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the API\'s error for a post that does not exist, not a blank page', async () => {
    const { page, context } = await openPage(browser);
    try {
      await page.goto(`${origin}/posts/not-a-uuid#token=${token}`);
      await page.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' }).waitFor();
      await page.goto(`${origin}/posts/00000000-0000-4000-8000-000000000000`);
      await page.getByText('No post has this id.').waitFor();
    } finally {
      await context.close();
    }
  });
});
