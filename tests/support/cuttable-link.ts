import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A TCP link between a client and a server (NATS, the gateway) that the test can cut: while cut,
 * every connection through it is closed and new ones are closed at once, so the client is
 * disconnected (and keeps trying to reconnect) for exactly as long as the test decides, whatever
 * its reconnection timing. The server itself stays reachable directly.
 */
export interface CuttableLink {
  /** The link's port on 127.0.0.1: connect there instead of to the server. */
  port: number;
  /** Closes every connection through the link and refuses new ones until {@link restore}. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  /** Closes the link. */
  close(): Promise<void>;
}

/** Opens a {@link CuttableLink} to `127.0.0.1:<targetPort>`. */
export async function openCuttableLink(targetPort: number): Promise<CuttableLink> {
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: async () => {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
