import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Ports free on 127.0.0.1 right now (each bound to port 0, read, then released), for a program
 * that must be given fixed ports (`npm start` refuses 0). All are held until all are read, so
 * they are distinct.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}
