import type { Browser, Locator, Page } from 'playwright-core';
import { testToken } from '../support/auth';
import { openPage } from '../support/browser';
import { useDashboardSuite } from '../support/dashboard-suite';

/** Tab presses allowed to reach an element: more than the page's focusable elements before it. */
const TAB_BOUND = 25;

/**
 * Presses Tab until `target` has the focus, at most {@link TAB_BOUND} times.
 *
 * @returns the number of presses it took
 * @throws when `target` never had the focus
 */
async function tabTo(page: Page, target: Locator): Promise<number> {
  for (let presses = 1; presses <= TAB_BOUND; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`${target.toString()} did not get the focus in ${TAB_BOUND} Tab presses`);
}

/** Whether `target` shows that it has the focus: it matches `:focus-visible` and draws an outline. */
async function showsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const style = getComputedStyle(element);
    return element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });
}

describe('the dashboard in a real browser: keyboard and permissions', () => {
  const suite = useDashboardSuite();
  let browser: Browser;
  let token: string;
  let origin: string;

  beforeAll(() => {
    ({ browser, token, origin } = suite.session());
  });

  it('is usable with the keyboard alone: the skip link first, then the pages, the Studio opened with Enter, its Topic and Generate focused visibly', async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/#token=${token}`);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

      const skip = page.getByRole('link', { name: 'Skip to content' });
      expect(await tabTo(page, skip)).toBe(1);
      expect(await showsFocus(skip)).toBe(true);
      // Off screen until focused, then in view.
      expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);

      const nav = page.getByRole('navigation', { name: 'Pages' });
      await tabTo(page, nav.getByRole('link', { name: 'Overview' }));
      const studioLink = nav.getByRole('link', { name: 'Studio' });
      expect(await tabTo(page, studioLink)).toBe(1);
      expect(await showsFocus(studioLink)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Studio' }).waitFor();
      expect(page.url()).toBe(`${origin}/studio`);

      const topic = page.getByLabel('Topic');
      await page.getByLabel('Persona').getByRole('option', { name: /ai-jesus/ }).waitFor({ state: 'attached' });
      await tabTo(page, topic);
      expect(await showsFocus(topic)).toBe(true);
      await page.keyboard.type('kindness on a crowded train');
      expect(await topic.inputValue()).toBe('kindness on a crowded train');
      // Generate is disabled (so not focusable) until there is a topic.
      const generate = page.getByRole('button', { name: 'Generate' });
      expect(await tabTo(page, generate)).toBe(1);
      expect(await showsFocus(generate)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells a token without content:write what it lacks, with the code FORBIDDEN, when it presses Generate, and starts no job', async () => {
    const limited = await testToken({ sub: 'insights-only', scope: 'experiments:write achievements:write' });
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/studio#token=${limited}`);
      await page.getByRole('heading', { level: 1, name: 'Studio' }).waitFor();
      await page.getByLabel('Persona').getByRole('option', { name: /ai-jesus/ }).waitFor({ state: 'attached' });
      await page.getByLabel('Topic').fill('a post this token may not write');
      await page.getByRole('button', { name: 'Generate' }).click();

      const alert = page.getByRole('alert').filter({ hasText: 'FORBIDDEN' });
      await alert.waitFor();
      expect(await alert.locator('p').allInnerTexts()).toEqual(['FORBIDDEN Your token lacks content:write or admin.']);
      expect(await alert.locator('code').textContent()).toBe('FORBIDDEN');
      expect(await page.getByText('Generate a post to watch it being written.').count()).toBe(1);
      expect(await page.getByTestId('job-panel').count()).toBe(0);
      // The browser itself logs the 403 response; the page adds nothing.
      expect(errors).toEqual([expect.stringMatching(/status of 403/)]);
    } finally {
      await context.close();
    }
  });
});
