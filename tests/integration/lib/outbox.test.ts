import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { Registry } from 'prom-client';
import { createDatabase, migrateToLatest } from '../../../lib/db';
import { createLogger } from '../../../lib/logger';
import { connectNats, createCloudEvent, provisionStreams } from '../../../lib/nats';
import { createOutbox, outboxMigration, outboxTraceContextMigration } from '../../../lib/outbox';
import type { Outbox, OutgoingEvent } from '../../../lib/outbox';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';
import { TEST_NATS, deleteStreams, natsUrl } from '../../support/nats';

const SCHEMA = 'outbox_test';
const STREAM = TEST_NATS.streams.events;
const SUBJECT = `${TEST_NATS.prefix}.events.test.outbox`;

interface Row {
  event_id: string;
  sent_at: Date | null;
}

function outgoing(id: string): OutgoingEvent {
  return { subject: SUBJECT, event: createCloudEvent({ id, source: '/tests/outbox', type: 'com.threads-agent.test.outbox', data: { id } }) };
}

async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const found = (metric?.values ?? []).find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return Number(found?.value ?? 0);
}

/** Event ids on the test stream, in stream order. */
async function streamedIds(jsm: JetStreamManager): Promise<string[]> {
  const info = await jsm.streams.info(STREAM);
  const ids: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage(STREAM, { seq }).catch(() => null);
    if (msg?.subject === SUBJECT) ids.push(msg.json<{ id: string }>().id);
  }
  return ids;
}

describe('transactional outbox (lib/outbox) on real Postgres and JetStream', () => {
  let testDb: TestDatabase;
  let db: Kysely<unknown>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const outboxes: Array<Outbox<unknown>> = [];

  const open = (connection: NatsConnection, registry = new Registry(), timing = {}) => {
    const outbox = createOutbox({ db, schema: SCHEMA, js: jetstream(connection), logger: createLogger('outbox-test', 'silent'), registry, timing: { relayMinAgeMs: 0, ...timing } });
    outboxes.push(outbox);
    return outbox;
  };
  const rows = async () => (await sql<Row>`select event_id, sent_at from ${sql.id(SCHEMA, 'outbox')} order by id`.execute(db)).rows;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase<unknown>({ url: testDb.url, max: 4 });
    await migrateToLatest(db, SCHEMA, { '2026_11_29_1700_create_outbox': outboxMigration(SCHEMA), '2026_11_29_1920_outbox_trace_context': outboxTraceContextMigration(SCHEMA) });
    await sql`create table ${sql.id(SCHEMA, 'things')} (id text primary key)`.execute(db);
    nc = await connectNats(natsUrl(), 'outbox-test');
    await provisionStreams(nc, TEST_NATS.prefix);
    jsm = await jetstreamManager(nc);
  });

  afterEach(async () => {
    await Promise.all(outboxes.splice(0).map((o) => o.stop()));
    await sql`truncate ${sql.id(SCHEMA, 'outbox')}, ${sql.id(SCHEMA, 'things')}`.execute(db);
    await jsm.streams.purge(STREAM);
  });

  afterAll(async () => {
    await deleteStreams(nc, TEST_NATS.prefix!);
    await nc?.drain();
    await db?.destroy();
    await testDb?.drop();
  });

  it('writes the event with the change, publishes it after the commit with the CloudEvents id as Nats-Msg-Id, and marks it sent', async () => {
    const registry = new Registry();
    const outbox = open(nc, registry);
    await outbox.transaction(async (trx, emit) => {
      await sql`insert into ${sql.id(SCHEMA, 'things')} values ('a')`.execute(trx);
      emit(outgoing('evt-a'));
    });
    expect(await streamedIds(jsm)).toEqual(['evt-a']);
    const msg = await jsm.streams.getMessage(STREAM, { last_by_subj: SUBJECT });
    expect(msg?.header?.get('Nats-Msg-Id')).toBe('evt-a');
    await eventually(async () => ((await rows())[0]?.sent_at ? true : undefined));
    expect(await metricValue(registry, 'outbox_events_published_total', { path: 'dispatch' })).toBe(1);
    expect(await outbox.relayOnce()).toBe(0);
  });

  it('writes nothing and publishes nothing when the transaction rolls back', async () => {
    const outbox = open(nc);
    await expect(
      outbox.transaction(async (trx, emit) => {
        await sql`insert into ${sql.id(SCHEMA, 'things')} values ('b')`.execute(trx);
        emit(outgoing('evt-b'));
        throw new Error('validation failed');
      }),
    ).rejects.toThrow('validation failed');
    expect(await rows()).toEqual([]);
    expect(await streamedIds(jsm)).toEqual([]);
  });

  it('with NATS unreachable, commits the change and its event; the relay publishes it once NATS answers', async () => {
    const down = await connectNats(natsUrl(), 'outbox-test-down');
    await down.close(); // a real client whose publishes now fail
    const registry = new Registry();
    const writer = open(down, registry);
    const result = await writer.transaction(async (trx, emit) => {
      await sql`insert into ${sql.id(SCHEMA, 'things')} values ('c')`.execute(trx);
      emit(outgoing('evt-c1'));
      emit(outgoing('evt-c2'));
      return 'kept';
    });
    expect(result).toBe('kept');
    expect((await rows()).map((r) => [r.event_id, r.sent_at])).toEqual([['evt-c1', null], ['evt-c2', null]]);
    expect(await metricValue(registry, 'outbox_publish_failures_total', { path: 'dispatch' })).toBe(2);
    expect(await writer.relayOnce()).toBe(0);
    expect(await metricValue(registry, 'outbox_unsent_events')).toBe(2);

    const relay = open(nc);
    expect(await relay.relayOnce()).toBe(2);
    expect(await streamedIds(jsm)).toEqual(['evt-c1', 'evt-c2']);
    expect((await rows()).every((r) => r.sent_at !== null)).toBe(true);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('writes an event id once: emitting the same event again keeps one row and one message', async () => {
    const outbox = open(nc);
    for (let i = 0; i < 2; i++) await outbox.transaction(async (_trx, emit) => emit(outgoing('evt-same')));
    expect((await rows()).map((r) => r.event_id)).toEqual(['evt-same']);
    expect(await streamedIds(jsm)).toEqual(['evt-same']);
  });

  it('relays in several processes publish every row exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    const down = await connectNats(natsUrl(), 'outbox-test-down-2');
    await down.close();
    const writer = open(down);
    const ids = Array.from({ length: 120 }, (_, i) => `evt-many-${String(i).padStart(3, '0')}`);
    await writer.transaction(async (_trx, emit) => ids.forEach((id) => emit(outgoing(id))));
    const registries = [new Registry(), new Registry(), new Registry()];
    const relays = registries.map((registry) => open(nc, registry));
    const published = await Promise.all(relays.map((relay) => relay.relayOnce()));
    expect(published.reduce((a, b) => a + b, 0)).toBe(ids.length);
    let counted = 0;
    for (const registry of registries) counted += await metricValue(registry, 'outbox_events_published_total', { path: 'relay' });
    expect(counted).toBe(ids.length);
    expect((await streamedIds(jsm)).sort()).toEqual(ids);
  });

  it('prunes rows sent longer ago than the retention, keeps unsent ones', async () => {
    const outbox = open(nc, new Registry(), { retentionMs: 1000 });
    await outbox.transaction(async (_trx, emit) => emit(outgoing('evt-old')));
    await eventually(async () => ((await rows())[0]?.sent_at ? true : undefined));
    await sql`update ${sql.id(SCHEMA, 'outbox')} set sent_at = now() - interval '1 hour'`.execute(db);
    await sql`insert into ${sql.id(SCHEMA, 'outbox')} (event_id, subject, payload, created_at) values ('evt-unsent', 'nowhere.unrouted', '{}', now() + interval '1 hour')`.execute(db);
    await outbox.relayOnce();
    expect((await rows()).map((r) => r.event_id)).toEqual(['evt-unsent']);
  });
});
