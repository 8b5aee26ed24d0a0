import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A local port with nothing listening on it (bound, then released): a service that is down. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
