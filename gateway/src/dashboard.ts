import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/**
 * Headers of every dashboard response: the app loads nothing from elsewhere (`'self'` only; the
 * API and its WebSocket are on the same origin; charts set inline styles), is not framed, and
 * sends no `Referer` (a token in the URL fragment never leaves anyway).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Paths the gateway answers itself, never the dashboard. */
const API_PATHS = ['/graphql', '/webhooks/'];

/**
 * Serves the dashboard's build from `dir` (sirv, a maintained static server: ETag, `HEAD`, range,
 * and the build's precompressed `.br` / `.gz` copies chosen by `Accept-Encoding`): fingerprinted `assets/*` are cached for a year (`immutable`), `index.html`
 * is revalidated on every load (`no-cache`), and any other path the app routes (`/studio`,
 * `/posts/<id>`) gets `index.html` (single-page app). Without a build, `/` explains how to make
 * one (503). The build's files are listed at the first request that finds it: a rebuild while
 * the gateway runs is served after a restart. GET and HEAD only; `/graphql` and `/webhooks/...` are the gateway's.
 *
 * @returns a route handler: true when it answered the request
 */
export function dashboardRoute(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  // sirv lists the files once: it is made at the first request that finds a build.
  let serve: ReturnType<typeof sirv> | null = null;
  const createServe = () => sirv(dir, {
    single: true,
    etag: true,
    brotli: true,
    gzip: true,
    dev: false,
    setHeaders(res, pathname) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (API_PATHS.some((p) => path === p || path.startsWith(p))) return false;
    if (!existsSync(join(dir, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('The dashboard is not built: run `npm run build:dashboard` (npm start builds it).\n');
      return true;
    }
    serve ??= createServe();
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    });
    return true;
  };
}
