import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { queryData } from '../support/graphql';
import { builtDashboardDir, openPage, screenshot, seriousViolations } from '../support/browser';
import { useDashboardSuite } from '../support/dashboard-suite';

/** GETs `url` asking for `encoding`, without decoding: the response's status, headers and raw bytes. */
function rawGet(url: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('the dashboard in a real browser: overview, token and navigation', () => {
  const suite = useDashboardSuite();
  const stack = suite.stack;
  let browser: Browser;
  let token: string;
  let origin: string;

  beforeAll(() => {
    ({ browser, token, origin } = suite.session());
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

  it('updates its numbers live when a post is created', async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(`${origin}/#token=${token}`);
      await page.getByText('Live', { exact: true }).waitFor();
      const before = Number((await page.getByTestId('total-posts').textContent())?.replace(/,/g, ''));
      const { personas } = await queryData<{ personas: Array<{ id: string; name: string }> }>(stack().gatewayUrl, '{ personas { id name } }', {}, { authorization: `Bearer ${token}` });
      const personaId = personas.find((p) => p.name === 'ai-elon')!.id;
      await queryData(stack().gatewayUrl, 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', { input: { personaId, topic: 'Rockets on a budget' } }, { authorization: `Bearer ${token}` });
      await page.getByTestId('total-posts').filter({ hasText: String(before + 1) }).waitFor();
      await page.getByRole('row', { name: /ai-elon/ }).getByRole('cell').first().filter({ hasText: /[1-9]/ }).waitFor();
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

  it('keeps the first page under 300 kB of gzipped JavaScript (the entry and what it preloads)', async () => {
    const dir = await builtDashboardDir();
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0);
    expect(gzipped).toBeLessThan(300 * 1024);
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
    // The build's precompressed copies, chosen by Accept-Encoding.
    const plain = await rawGet(`${origin}${asset}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(`${origin}${asset}`, 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    const gz = await rawGet(`${origin}${asset}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

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
