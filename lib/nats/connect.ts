import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';

/**
 * Connects to NATS with reconnects forever (a restarted server is picked up again).
 *
 * @param url e.g. `nats://127.0.0.1:4222`; several may be comma-separated
 * @param name client name shown in the server's connection list
 * @throws the connection error when the first connect fails (server not answering)
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    timeout: 3000,
  });
}
