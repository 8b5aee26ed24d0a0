import { Writable } from 'node:stream';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import pino from 'pino';
import { NatsHub } from '../../../gateway/src/subscriptions/nats-hub';
import type { StoredEvent } from '../../../gateway/src/subscriptions/nats-hub';
import { createLogger } from '../../../lib/logger';
import { connectNats, natsNames, provisionStreams, publishEvent } from '../../../lib/nats';
import { eventually } from '../../support/eventually';
import { openCuttableLink } from '../../support/cuttable-link';
import type { CuttableLink } from '../../support/cuttable-link';
import { achievementEvent, nextStatus, startPrivateNats, titleOf } from './private-nats';
import type { PrivateNats } from './private-nats';

const { streams, subjects } = natsNames('hub');
const subject = subjects.achievementCreated;
const feedRetry = { initialMs: 50, maxMs: 500 };

describe('NatsHub stored subjects (one stream feed per subject, real NATS servers of its own)', () => {
  const silent = createLogger('nats-hub-test', 'silent');
  let nats: PrivateNats;
  let link: CuttableLink;
  let publisher: NatsConnection;
  const connections: NatsConnection[] = [];
  const hubs: Array<() => void> = [];

  /** A connection straight to the server (the outbox relays' side). */
  const direct = async () => {
    const nc = await connectNats(nats.server.url, 'publisher');
    connections.push(nc);
    return nc;
  };
  const publish = async (nc: NatsConnection, title: string) => {
    await publishEvent(jetstream(nc), subject, achievementEvent(title));
  };

  beforeEach(async () => {
    nats = await startPrivateNats();
    link = await openCuttableLink(nats.server.port);
    publisher = await direct();
    await provisionStreams(publisher, 'hub');
  });

  afterEach(async () => {
    hubs.splice(0).forEach((stop) => stop());
    for (const nc of connections.splice(0)) await nc.close().catch(() => undefined);
    await link.close();
    await nats.stop();
  });

  /** The hub's connection goes through the cuttable link. */
  const hubConnection = async () => {
    const nc = await connectNats(`nats://127.0.0.1:${link.port}`, 'gateway-hub');
    connections.push(nc);
    return nc;
  };

  it.each([
    ['after delivering an event before the outage', ['before the outage']],
    ['before delivering anything (the feed has not moved from where it started)', []],
  ])('gives a listener that stays subscribed, %s, every event stored while its connection was down and NATS restarted, once each and in order', async (_case, before) => {
    await publish(publisher, 'stored before the listener');
    const hubNc = await hubConnection();
    const hub = new NatsHub(hubNc, silent, streams.events, { feedRetry });
    const received: string[] = [];
    hubs.push(hub.listen(subject, (msg) => received.push(titleOf(msg)), { stored: true }));
    await hub.flush([subject]);
    for (const title of before) await publish(publisher, title);
    await eventually(async () => (received.length === before.length ? true : undefined));

    const disconnected = nextStatus(hubNc, 'disconnect');
    link.cut();
    await disconnected;
    await nats.server.kill();
    await nats.server.start();
    const afterRestart = await direct();
    await publish(afterRestart, 'stored while disconnected, 1');
    await publish(afterRestart, 'stored while disconnected, 2');
    expect(received).toEqual(before);

    link.restore();
    await eventually(async () => (received.length === before.length + 2 ? true : undefined), 20_000);
    await publish(afterRestart, 'stored after the reconnection');
    await eventually(async () => (received.length === before.length + 3 ? true : undefined));
    expect(received).toEqual([...before, 'stored while disconnected, 1', 'stored while disconnected, 2', 'stored after the reconnection']);
  });

  it('keeps a listener added while NATS cannot be reached, logs warnings (no errors) while it retries, and feeds it once NATS answers', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string }), done()) }));
    const hubNc = await hubConnection();
    const hub = new NatsHub(hubNc, logger, streams.events, { feedRetry });
    const disconnected = nextStatus(hubNc, 'disconnect');
    link.cut();
    await disconnected;

    const received: string[] = [];
    hubs.push(hub.listen(subject, (msg) => received.push(titleOf(msg)), { stored: true }));
    await eventually(async () => (lines.some((l) => l.msg === 'stream feed failed; retrying') ? true : undefined), 30_000);
    expect(hub.subscriptionCount).toBe(1);

    link.restore();
    await eventually(() => hub.flush([subject]).then(() => true), 30_000);
    await publish(publisher, 'after NATS answers');
    await eventually(async () => (received.length === 1 ? true : undefined));
    expect(received).toEqual(['after NATS answers']);
    expect(lines.every((l) => l.level === 40)).toBe(true);
  });

  it('ends a replay whose consumer a NATS restart lost with an error, without waiting and without sending a message twice (the subscriber resumes again)', async () => {
    const since = new Date(Date.now() - 1000);
    const titles = Array.from({ length: 150 }, (_, i) => `stored ${i}`);
    for (const title of titles) await publish(publisher, title);
    const hubNc = await hubConnection();
    const hub = new NatsHub(hubNc, silent, streams.events, { feedRetry });
    const replay = hub.replay(subject, since);
    const replayed = [titleOf((await replay.next()).value as StoredEvent)];

    const reconnected = nextStatus(hubNc, 'reconnect');
    const disconnected = nextStatus(hubNc, 'disconnect');
    link.cut();
    await disconnected;
    await nats.server.kill();
    await nats.server.start();
    link.restore();
    await reconnected;
    const rest = (async () => {
      for await (const msg of { [Symbol.asyncIterator]: () => replay }) replayed.push(titleOf(msg));
    })();
    await expect(rest).rejects.toThrow();
    expect(replayed.length).toBeLessThan(titles.length);
    expect(replayed).toEqual(titles.slice(0, replayed.length));
  });

  it('shares one consumer and one message object between the listeners of a subject, and deletes the consumer with the last listener', async () => {
    const hubNc = await hubConnection();
    const hub = new NatsHub(hubNc, silent, streams.events, { feedRetry });
    const first: StoredEvent[] = [];
    const second: StoredEvent[] = [];
    const stopFirst = hub.listen(subject, (msg) => first.push(msg), { stored: true });
    const stopSecond = hub.listen(subject, (msg) => second.push(msg), { stored: true });
    await hub.flush([subject]);
    const jsm = await jetstreamManager(publisher);
    const consumers = async () => (await jsm.consumers.list(streams.events).next()).length;
    // `flush` waits for the feed's starting sequence, not for its consumer: wait for that, then
    // give a second listener's consumer (were there one) time to appear.
    await eventually(async () => ((await consumers()) > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await consumers()).toBe(1);
    expect(hub.subscriptionCount).toBe(1);

    await publish(publisher, 'shared');
    await eventually(async () => (first.length === 1 && second.length === 1 ? true : undefined));
    expect(first[0]).toBe(second[0]);

    stopFirst();
    expect(hub.subscriptionCount).toBe(1);
    stopSecond();
    expect(hub.subscriptionCount).toBe(0);
    await eventually(async () => ((await consumers()) === 0 ? true : undefined));
  });
});
