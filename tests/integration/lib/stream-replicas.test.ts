import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats, provisionStreams, streamNamesFor } from '../../../lib/nats';
import { deleteStreams, natsUrl } from '../../support/nats';

const PREFIX = `replicas${process.pid}`;

describe('NATS_STREAM_REPLICAS on a single JetStream server', () => {
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connectNats(natsUrl(), 'stream-replicas-test');
  });

  afterAll(async () => {
    await deleteStreams(nc, PREFIX);
    await nc?.drain();
  });

  it('refuses three copies with an error naming the variable, and keeps one by default', async () => {
    await expect(provisionStreams(nc, PREFIX, 3)).rejects.toThrow(/NATS_STREAM_REPLICAS=3 copies \(a JetStream cluster of at least 3 servers is needed\)/);
    const jsm = await jetstreamManager(nc);
    const names = streamNamesFor(PREFIX);
    await expect(jsm.streams.info(names.jobs)).rejects.toThrow(/not found/i);

    await provisionStreams(nc, PREFIX);
    for (const name of [names.jobs, names.events, names.dlq]) expect((await jsm.streams.info(name)).config.num_replicas).toBe(1);
  });
});
