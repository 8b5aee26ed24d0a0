import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DEFAULT_NATS_URL } from '../../lib/config';
import { STREAMS, provisionStreams } from '../../lib/nats';

/** URL of the test NATS server (`NATS_URL`, or the local default). */
export function natsUrl(): string {
  return process.env.NATS_URL ?? DEFAULT_NATS_URL;
}

/**
 * Deletes and recreates the JOBS and EVENTS streams (and so every consumer), so that a suite
 * starts with no message or consumer left by another. Suites run one at a time (`--runInBand`).
 */
export async function resetStreams(): Promise<void> {
  const nc = await connect({ servers: natsUrl() });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of STREAMS) {
      try {
        await jsm.streams.delete(stream.name);
      } catch (err) {
        if (!(err instanceof Error && /not found/i.test(err.message))) throw err;
      }
    }
    await provisionStreams(nc);
  } finally {
    await nc.close();
  }
}
