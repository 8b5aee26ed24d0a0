import type { JetStreamClient } from '@nats-io/jetstream';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import type { Kysely, Transaction } from 'kysely';
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger';
import type { CloudEvent } from '../nats/cloudevent';
import { publishTraced } from '../nats/publish';
import { startPeriodicTask } from '../server/periodic-task';
import { captureTraceContext } from '../tracing';
import type { TraceCarrier } from '../tracing';
import type { PeriodicTask } from '../server/periodic-task';
import { claimUnsentRows, hasUnsentRows, insertOutboxRows, markSent, pruneSentRows, unsentBacklog } from './outbox-rows';
import type { OutboxMessage } from './outbox-rows';

/** A CloudEvent and the JetStream subject it goes to. */
export interface OutgoingEvent {
  subject: string;
  event: CloudEvent;
}

/** Adds an event to the transaction's outbox (written just before the commit). */
export type EmitEvent = (outgoing: OutgoingEvent) => void;

/** Timing of an {@link Outbox}, in ms. */
export interface OutboxTiming {
  /** Relay pass period (default 1000). */
  relayIntervalMs: number;
  /** Rows younger than this are left to the writer's own dispatch (default 2000). */
  relayMinAgeMs: number;
  /** Sent rows are kept this long, then pruned (default one hour). */
  retentionMs: number;
  /** How long the writer's dispatch waits for JetStream's ack before leaving the rest to the relay (default 2000). */
  dispatchTimeoutMs: number;
}

/** Options of {@link createOutbox}. */
export interface OutboxOptions<DB> {
  db: Kysely<DB>;
  /** The subgraph's Postgres schema, holding `outbox` (see `outboxMigration`). */
  schema: string;
  js: JetStreamClient;
  logger: Pick<Logger, 'warn'>;
  /** The service's registry: `outbox_events_published_total{path}`, `outbox_publish_failures_total{path}`, `outbox_unsent_events`, `outbox_oldest_unsent_seconds`. */
  registry: Registry;
  timing?: Partial<OutboxTiming>;
}

/**
 * A subgraph's transactional outbox (the pattern of Richardson, "Microservices Patterns", ch. 3;
 * JetStream's `Nats-Msg-Id` deduplication makes the relay's at-least-once publish exactly-once
 * within the stream's duplicate window, and the consumers are idempotent beyond it).
 */
export interface Outbox<DB> {
  /**
   * Runs `work` in a transaction; the events it emits are inserted into the outbox in the same
   * transaction (so they exist exactly when the change does), then published right after the
   * commit, in order. A publish that fails (NATS down, no ack in time) is not an error of the
   * caller: the relay publishes the rest later. Each row keeps the trace context of the caller
   * (`trace_context`), so that its message continues the caller's trace whoever publishes it.
   *
   * @returns what `work` returned
   * @throws what `work` or the commit throws (then nothing was written and nothing is published)
   */
  transaction<T>(work: (trx: Transaction<DB>, emit: EmitEvent) => Promise<T>): Promise<T>;
  /** One relay pass: publishes every unsent row older than `relayMinAgeMs`, prunes sent rows past the retention (at most once a minute); returns how many it published. */
  relayOnce(): Promise<number>;
  /** Starts the periodic relay (idempotent). */
  start(): void;
  /** Stops the relay and waits for the writers' bookkeeping in flight. */
  stop(): Promise<void>;
}

const RELAY_BATCH = 200;
const PRUNE_BATCH = 1000;
/** How often a relay prunes sent rows (ms): an idle relay's pass is then one probe. */
const PRUNE_INTERVAL_MS = 60_000;

const DEFAULT_TIMING: OutboxTiming = { relayIntervalMs: 1000, relayMinAgeMs: 2000, retentionMs: 60 * 60 * 1000, dispatchTimeoutMs: 2000 };

/** The stored form of an event for `subject`, written in the trace context `traceContext`. */
function toOutboxMessage(subject: string, event: CloudEvent, traceContext: TraceCarrier | null): OutboxMessage {
  return { subject, eventId: event.id, payload: JSON.stringify(event), traceContext };
}

/**
 * Creates a subgraph's outbox on its pool and JetStream client. Writers' direct publishes go
 * through a circuit breaker (cockatiel; open after one failure, half-open after
 * `relayIntervalMs`), so that while NATS is down a mutation does not wait for an ack timeout:
 * its rows wait for the relay. Relays of several processes and replicas share the table without
 * double-publishing a row (`FOR UPDATE SKIP LOCKED`).
 */
export function createOutbox<DB>(options: OutboxOptions<DB>): Outbox<DB> {
  const { db, schema, js, logger } = options;
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const published = new Counter({ name: 'outbox_events_published_total', help: 'Outbox events JetStream acknowledged, by path (dispatch: by the writer after its commit; relay: by the relay later)', labelNames: ['path'], registers: [options.registry] });
  const failures = new Counter({ name: 'outbox_publish_failures_total', help: 'Outbox publishes that failed and were left to the relay, by path', labelNames: ['path'], registers: [options.registry] });
  // The backlog is read when scraped (one query for both gauges), not by every relay pass.
  let backlogRead: Promise<{ count: number; oldestSeconds: number }> | null = null;
  const readBacklog = () => (backlogRead ??= unsentBacklog(db, schema).finally(() => (backlogRead = null)));
  const backlogGauge = (name: string, help: string, pick: (backlog: { count: number; oldestSeconds: number }) => number) =>
    new Gauge({
      name,
      help,
      registers: [options.registry],
      collect() {
        return readBacklog().then(
          (backlog) => this.set(pick(backlog)),
          (err: unknown) => logger.warn({ err }, 'could not read the outbox backlog; its gauges keep their last values'),
        );
      },
    });
  backlogGauge('outbox_unsent_events', 'Outbox rows not yet acknowledged by JetStream, when scraped', (backlog) => backlog.count);
  backlogGauge('outbox_oldest_unsent_seconds', 'Age of the oldest unsent outbox row when scraped, in seconds', (backlog) => backlog.oldestSeconds);
  let prunedAt = 0;
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: timing.relayIntervalMs, breaker: new ConsecutiveBreaker(1) });
  const bookkeeping = new Set<Promise<void>>();
  let relay: PeriodicTask | null = null;

  const publish = (message: OutboxMessage, timeout?: number) =>
    publishTraced(js, message.subject, message.payload, { msgID: message.eventId, traceContext: message.traceContext, ...(timeout ? { timeout } : {}) });

  const track = (work: Promise<void>) => {
    bookkeeping.add(work);
    void work.finally(() => bookkeeping.delete(work));
  };

  /** Inserts events in the caller's transaction; returns them as stored, for {@link dispatch} after the commit. */
  const write = async (trx: Transaction<DB>, events: readonly OutgoingEvent[]): Promise<OutboxMessage[]> => {
    const traceContext = captureTraceContext();
    const messages = events.map(({ subject, event }) => toOutboxMessage(subject, event, traceContext));
    await insertOutboxRows(trx, schema, messages);
    return messages;
  };

  /** Publishes committed messages now, in order, stopping at the first failure (the relay retries); never throws. */
  const dispatch = async (messages: readonly OutboxMessage[]): Promise<void> => {
    const sent: string[] = [];
    for (const message of messages) {
      try {
        await breaker.execute(() => publish(message, timing.dispatchTimeoutMs));
      } catch (err) {
        failures.inc({ path: 'dispatch' }, messages.length - sent.length);
        if (!(err instanceof BrokenCircuitError)) logger.warn({ err, subject: message.subject, eventId: message.eventId }, 'event not published after the commit; the outbox relay will publish it');
        break;
      }
      sent.push(message.eventId);
    }
    if (sent.length === 0) return;
    published.inc({ path: 'dispatch' }, sent.length);
    // Bookkeeping only: if it fails, the relay publishes the rows again and JetStream drops the repeats.
    track(markSent(db, schema, sent).catch((err: unknown) => logger.warn({ err }, 'outbox rows published but not marked sent; the relay will republish them (deduplicated)')));
  };

  const relayBatch = () =>
    db.transaction().execute(async (trx) => {
      const rows = await claimUnsentRows(trx, schema, { limit: RELAY_BATCH, minAgeMs: timing.relayMinAgeMs });
      const sent: string[] = [];
      for (const row of rows) {
        try {
          await publish(row);
        } catch (err) {
          failures.inc({ path: 'relay' }, rows.length - sent.length);
          logger.warn({ err, unsent: rows.length - sent.length }, 'outbox relay could not publish; retrying at the next pass');
          break;
        }
        sent.push(row.eventId);
      }
      await markSent(trx, schema, sent);
      published.inc({ path: 'relay' }, sent.length);
      return { claimed: rows.length, sent: sent.length };
    });

  const relayOnce = async (): Promise<number> => {
    let total = 0;
    // An idle relay opens no transaction: one probe of the partial index.
    while (await hasUnsentRows(db, schema, timing.relayMinAgeMs)) {
      const batch = await relayBatch();
      total += batch.sent;
      if (batch.sent < RELAY_BATCH) break;
    }
    if (Date.now() - prunedAt >= PRUNE_INTERVAL_MS) {
      await pruneSentRows(db, schema, { retentionMs: timing.retentionMs, limit: PRUNE_BATCH });
      prunedAt = Date.now();
    }
    return total;
  };

  return {
    async transaction(work) {
      let messages: OutboxMessage[] = [];
      const result = await db.transaction().execute(async (trx) => {
        const events: OutgoingEvent[] = [];
        const value = await work(trx, (outgoing) => events.push(outgoing));
        messages = await write(trx, events);
        return value;
      });
      await dispatch(messages);
      return result;
    },
    relayOnce,
    start() {
      relay ??= startPeriodicTask({ name: `${schema} outbox relay`, intervalMs: timing.relayIntervalMs, logger, pass: relayOnce });
    },
    async stop() {
      await relay?.stop();
      relay = null;
      await Promise.all([...bookkeeping]);
    },
  };
}
