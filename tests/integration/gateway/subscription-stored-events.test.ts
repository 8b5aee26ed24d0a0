import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ExecutionResult } from 'graphql';
import { parse } from 'graphql';
import { SubscriptionBridge } from '../../../gateway/src/subscriptions/bridge';
import type { RunQuery } from '../../../gateway/src/subscriptions/event-fields';
import { NatsHub } from '../../../gateway/src/subscriptions/nats-hub';
import { createLogger } from '../../../lib/logger';
import { connectNats, natsNames, provisionStreams, publishEvent } from '../../../lib/nats';
import { supergraphApiSchema } from '../../../scripts/lib/api-schema';
import { openCuttableLink } from '../../support/cuttable-link';
import type { CuttableLink } from '../../support/cuttable-link';
import { achievementEvent, nextStatus, startPrivateNats } from './private-nats';
import type { PrivateNats } from './private-nats';

const { streams, subjects } = natsNames('bridge');
const WATCH = parse('subscription Watch($since: DateTime) { achievementCreated(since: $since) { id title } }');
const feedRetry = { initialMs: 50, maxMs: 500 };

/** A hub that publishes one event right after its flush, i.e. between the subscription going live and its replay. */
class InterleavingHub extends NatsHub {
  constructor(
    nc: NatsConnection,
    private readonly between: () => Promise<void>,
  ) {
    super(nc, createLogger('bridge-test', 'silent'), streams.events, { feedRetry });
  }

  override async flush(subjectList?: readonly string[]): Promise<void> {
    await super.flush(subjectList);
    await this.between();
  }
}

describe('subscriptions to stored events through the bridge (live from the EVENTS stream; real NATS servers of its own)', () => {
  const schema = supergraphApiSchema();
  const logger = createLogger('bridge-test', 'silent');
  let nats: PrivateNats;
  let link: CuttableLink;
  let publisher: NatsConnection;
  const connections: NatsConnection[] = [];
  const iterators: Array<AsyncIterableIterator<ExecutionResult>> = [];
  /** Titles of the achievements published, by id: what the supergraph would answer. */
  const titles = new Map<string, string>();
  const run: RunQuery = async (_query, variables) => {
    const id = variables.__key as string;
    return { data: { achievementCreated: { id, title: titles.get(id) } } };
  };

  const connection = async (url: string, name: string) => {
    const nc = await connectNats(url, name);
    connections.push(nc);
    return nc;
  };
  const publish = async (nc: NatsConnection, title: string) => {
    const event = achievementEvent(title);
    titles.set(event.data.achievementId, title);
    await publishEvent(jetstream(nc), subjects.achievementCreated, event);
  };
  const subscribe = (bridge: SubscriptionBridge, variables: Record<string, unknown>) => {
    const iterator = bridge.subscribe({ schema, document: WATCH, variableValues: variables, run, audience: 'admin' });
    if (!(Symbol.asyncIterator in iterator)) throw new Error(JSON.stringify(iterator));
    iterators.push(iterator);
    return iterator;
  };
  const titleOfResult = async (next: Promise<IteratorResult<ExecutionResult>>) => {
    const result = await next;
    expect(result.value?.errors).toBeUndefined();
    return (result.value?.data as { achievementCreated: { title: string } }).achievementCreated.title;
  };

  beforeEach(async () => {
    nats = await startPrivateNats();
    link = await openCuttableLink(nats.server.port);
    publisher = await connection(nats.server.url, 'publisher');
    await provisionStreams(publisher, 'bridge');
  });

  afterEach(async () => {
    for (const iterator of iterators.splice(0)) await iterator.return?.();
    for (const nc of connections.splice(0)) await nc.close().catch(() => undefined);
    await link.close();
    await nats.stop();
  });

  it('sends a subscriber that stays connected the achievements stored while the gateway was cut from NATS and NATS restarted', async () => {
    const hubNc = await connection(`nats://127.0.0.1:${link.port}`, 'gateway');
    const hub = new NatsHub(hubNc, logger, streams.events, { feedRetry });
    const iterator = subscribe(new SubscriptionBridge({ hub, logger, queueLimit: 100, trajectoryWaitMs: 1000, subjects }), {});
    const first = iterator.next();
    await hub.flush([subjects.achievementCreated]);
    await publish(publisher, 'before the outage');
    expect(await titleOfResult(first)).toBe('before the outage');

    const disconnected = nextStatus(hubNc, 'disconnect');
    link.cut();
    await disconnected;
    await nats.server.kill();
    await nats.server.start();
    const relay = await connection(nats.server.url, 'relay');
    await publish(relay, 'stored during the outage, 1');
    await publish(relay, 'stored during the outage, 2');
    link.restore();

    const seen = [await titleOfResult(iterator.next()), await titleOfResult(iterator.next())];
    await publish(relay, 'after the outage');
    seen.push(await titleOfResult(iterator.next()));
    expect(seen).toEqual(['stored during the outage, 1', 'stored during the outage, 2', 'after the outage']);
  });

  it('sends a subscriber resuming with `since` each event once: the stored ones replayed, then the live ones, an event stored between both arriving both ways', async () => {
    const since = new Date().toISOString();
    await publish(publisher, 'missed, 1');
    await publish(publisher, 'missed, 2');
    const hubNc = await connection(nats.server.url, 'gateway');
    const hub = new InterleavingHub(hubNc, () => publish(publisher, 'stored between going live and the replay'));
    const iterator = subscribe(new SubscriptionBridge({ hub, logger, queueLimit: 100, trajectoryWaitMs: 1000, subjects }), { since });

    const seen = [await titleOfResult(iterator.next()), await titleOfResult(iterator.next()), await titleOfResult(iterator.next())];
    await publish(publisher, 'live');
    seen.push(await titleOfResult(iterator.next()));
    expect(seen).toEqual(['missed, 1', 'missed, 2', 'stored between going live and the replay', 'live']);
  });
});
