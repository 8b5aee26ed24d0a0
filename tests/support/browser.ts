import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dashboardBuildFor } from '../../scripts/lib/dashboard-build';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';

/** Debian's Chromium (`.ci/run` installs the `chromium` package when it is missing); no browser download. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each run writes its screenshots (ignored by git). */
const SCREENSHOTS_DIR = join(REPOSITORY_ROOT, 'tests', 'e2e', 'screenshots');

let built: Promise<string> | undefined;

/**
 * The folder of a build of the dashboard's current sources (built once per sources, shared by
 * test processes: see `dashboardBuildFor`), for the stack's `DASHBOARD_DIR`:
 * `useTestStack(async () => ({ DASHBOARD_DIR: await builtDashboardDir() }))`.
 */
export function builtDashboardDir(): Promise<string> {
  built ??= dashboardBuildFor(tmpdir());
  return built;
}

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no GPU, and no background networking: the network is closed). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** A page that records what the browser logged as errors, the page errors (uncaught exceptions), and requests leaving the host. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console `error` messages, uncaught exceptions and `external request: <url>`s, in order. */
  errors: string[];
}

/** Schemes of URLs the browser resolves itself, without a request on the network. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);
/** Hosts of the stack under test (the gateway binds 127.0.0.1; `localhost` is the printed URL's). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** Whether a request to `url` leaves this machine (the dashboard must load nothing from elsewhere). */
function leavesHost(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return !LOCAL_SCHEMES.has(protocol) && !LOCAL_HOSTS.has(hostname);
}

/** Opens a new context (its own session storage) and page at `viewport`, watching for errors and external requests. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (leavesHost(request.url())) errors.push(`external request: ${request.url()}`);
  });
  page.on('websocket', (socket) => {
    if (leavesHost(socket.url())) errors.push(`external request: ${socket.url()}`);
  });
  return { page, context, errors };
}

/** An axe-core violation as the tests report it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2 A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays on.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Writes a full-page screenshot `tests/e2e/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
