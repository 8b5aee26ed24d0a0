import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** A named readiness check: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

/** Options of {@link startAdminServer}. */
export interface AdminServerOptions {
  port: number;
  /** Bind host (`ADMIN_HOST`); 127.0.0.1 by default. */
  host?: string;
  registry: Registry;
  readiness: ReadinessCheck[];
}

/** A listening admin server and the port it got. */
export interface AdminServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the admin HTTP server (kept off the public ingress): `GET /healthz` (process alive,
 * always 200), `GET /readyz` (200 when every check passes, else 503 with the failing ones) and
 * `GET /metrics` (Prometheus text format).
 */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') {
        res.writeHead(405).end();
      } else if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      } else if (path === '/readyz') {
        const results = await Promise.all(
          options.readiness.map(async ({ name, check }) => {
            try {
              await check();
              return { name, ok: true };
            } catch (err) {
              return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
            }
          }),
        );
        const ready = results.every((r) => r.ok);
        res
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ready ? 'ready' : 'not ready', checks: results }));
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': options.registry.contentType }).end(await options.registry.metrics());
      } else {
        res.writeHead(404).end();
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
