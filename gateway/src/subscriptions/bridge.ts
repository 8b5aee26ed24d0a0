import { GraphQLError } from 'graphql';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { DocumentNode } from 'graphql';
import { ZodError } from 'zod';
import type { Subjects } from '../../../lib/events';
import type { Logger } from '../../../lib/logger';
import { EVENT_FIELDS, cloudEventIdOf, sinceOf } from './event-fields';
import type { BridgeEvent, Continuation, RunQuery } from './event-fields';
import { EventQueue, SlowSubscriberError } from './event-queue';
import type { NatsHub, StoredEvent } from './nats-hub';
import { planSubscription } from './subscription-plan';
import type { SubscriptionPlan } from './subscription-plan';

/** Options of {@link SubscriptionBridge}. */
export interface BridgeOptions {
  hub: NatsHub;
  logger: Logger;
  /** Events a subscriber may fall behind before it is disconnected. */
  queueLimit: number;
  /** How long (ms) a finished job's stream waits for its emotion trajectory before completing. */
  trajectoryWaitMs: number;
  /** The deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  /** Told when a subscription starts and ends, and of each result sent (metrics). */
  observer?: SubscriptionObserver;
}

/** Hooks of {@link BridgeOptions.observer}, by root field name. */
export interface SubscriptionObserver {
  started(field: string): void;
  ended(field: string): void;
  delivered(field: string): void;
  /** `count` events the subscriber will never get (it was too slow and is disconnected). */
  dropped(field: string, count: number): void;
}

/** A subscription request as graphql-ws hands it over. */
export interface SubscribeRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  /** Runs queries through the supergraph with the subscriber's context. */
  run: RunQuery;
  /**
   * What the subscriber may see, as a key (its scopes, sorted): subscribers with the same
   * selection, variables and audience share one resolution of each event.
   */
  audience: string;
}

/** Jobs whose text one subscription remembers (a persona's feed sees many jobs). */
const TEXTS_KEPT = 100;

/**
 * The last text seen per key, carried forward to events that hold none (a status change after
 * the deltas shows the text written so far). Keeps the `limit` most recently updated keys.
 */
class RecentTexts {
  private readonly texts = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** Records the event's text, or returns the event with the last text of its key. */
  carry(event: BridgeEvent): BridgeEvent {
    if (event.text == null) return { ...event, text: this.texts.get(event.key) ?? null };
    this.texts.delete(event.key);
    this.texts.set(event.key, event.text);
    if (this.texts.size > this.limit) this.texts.delete(this.texts.keys().next().value!);
    return event;
  }
}

function errorResult(message: string, code: string): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

/** A supergraph query's result, as the bridge shares it. */
type QueryResult = Awaited<ReturnType<RunQuery>>;

/**
 * Event-driven federated subscriptions (brief §6, in the manner of WunderGraph Cosmo's EDFS):
 * NATS messages carry keys; every field the client selected is resolved through the supergraph
 * by a root-field query per event, with the subscriber's context. Token deltas reuse the entity
 * resolved for the previous event of the same key (nothing else changes while text streams), so
 * a stream of tokens does not cost one federated query each.
 *
 * Grouped resolution: the subscribers of one event (one NATS message, delivered to all of them by
 * the shared `NatsHub` reader of its subject) with the same entity query, variables and audience (scopes)
 * share one supergraph query: ten viewers of a job cost one subgraph request per event, not ten.
 * The shared results are keyed by the message object itself (a `WeakMap`), so they live exactly as
 * long as some subscriber still holds the event.
 *
 * Stored events: a replayable field (`EventFieldSpec.replayable`) is fed live from the EVENTS
 * stream (`listen(..., { stored: true })`, a `StreamFeed`), not core NATS, so a subscriber that
 * stays connected while the gateway's NATS connection is lost gets what was stored meanwhile.
 *
 * Resuming: a replayable field given `since` first sends the events stored on the EVENTS stream
 * since then (live ones arriving meanwhile wait in the queue and are sent after, without the ones
 * already replayed, told apart by CloudEvent id), so a client that reconnects with the time of the
 * last event it saw misses none (it may see that one again) and gets none twice from one
 * subscription.
 */
export class SubscriptionBridge {
  private readonly shared = new WeakMap<object, Map<string, Promise<QueryResult>>>();

  constructor(private readonly options: BridgeOptions) {}

  /** The supergraph query of an event for a group: run once per (message, query, variables, audience). */
  private resolveShared(source: object | undefined, query: string, variables: Record<string, unknown>, audience: string, run: RunQuery): Promise<QueryResult> {
    if (!source) return run(query, variables);
    let byGroup = this.shared.get(source);
    if (!byGroup) {
      byGroup = new Map();
      this.shared.set(source, byGroup);
    }
    const group = `${audience}\n${query}\n${JSON.stringify(variables)}`;
    let result = byGroup.get(group);
    if (!result) {
      result = run(query, variables);
      byGroup.set(group, result);
    }
    return result;
  }

  /**
   * Starts one subscription. Listeners are registered (and flushed to the server) before the
   * snapshot is read, so no event between the two is missed.
   *
   * @returns an async iterator of results, or a single error result for a bad request
   */
  subscribe(request: SubscribeRequest): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    let plan: SubscriptionPlan;
    let subjectList: string[];
    let since: Date | null;
    try {
      plan = planSubscription(request.schema, request.document, request.operationName, request.variableValues ?? {}, EVENT_FIELDS);
      subjectList = plan.spec.subjects(plan.args, this.options.subjects);
      since = plan.spec.replayable ? sinceOf(plan.args) : null;
    } catch (err) {
      if (err instanceof GraphQLError) return { errors: [err] };
      if (err instanceof ZodError) return errorResult(`Invalid arguments: ${err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, 'BAD_USER_INPUT');
      throw err;
    }
    const queue = new EventQueue<BridgeEvent>(this.options.queueLimit);
    const stored = plan.spec.replayable === true;
    const stops = subjectList.map((subject) =>
      this.options.hub.listen(
        subject,
        (msg) => {
          const event = plan.spec.accept(msg, plan.args, this.options.subjects);
          if (event) queue.push({ ...event, source: msg });
        },
        { stored },
      ),
    );
    this.options.observer?.started(plan.fieldName);
    let released = false;
    // Idempotent: run by the stream's end, and by return() in case the stream never started.
    const release = () => {
      if (released) return;
      released = true;
      stops.forEach((stop) => stop());
      this.options.observer?.ended(plan.fieldName);
    };
    const generator = this.stream(plan, queue, request, release, subjectList, since);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const result = await generator.next();
        if (!result.done) this.options.observer?.delivered(plan.fieldName);
        return result;
      },
      return: async () => {
        queue.close();
        const result = await generator.return(undefined);
        release();
        return result;
      },
      throw: (err?: unknown) => generator.throw(err),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async *stream(
    plan: SubscriptionPlan,
    queue: EventQueue<BridgeEvent>,
    request: SubscribeRequest,
    release: () => void,
    subjects: readonly string[],
    since: Date | null,
  ): AsyncGenerator<ExecutionResult> {
    const { run, audience } = request;
    let trajectoryTimer: NodeJS.Timeout | undefined;
    let last: { key: string; entities: Record<string, unknown> } | null = null;
    const texts = new RecentTexts(TEXTS_KEPT);
    const resolve = async (received: BridgeEvent): Promise<ExecutionResult> => {
      const event = texts.carry(received);
      if (!plan.entityQuery) return { data: plan.shape(event, {}) };
      if (event.sameEntity && last?.key === event.key) return { data: plan.shape(event, last.entities) };
      const result = await this.resolveShared(event.source, plan.entityQuery, { ...plan.entityVariables, __key: event.key }, audience, run);
      if (result.errors?.length) return { data: null, errors: result.errors as ExecutionResult['errors'] };
      const entities = result.data ?? {};
      if (plan.spec.entityField === null && entities[plan.responseKey] == null) {
        return errorResult(`${plan.spec.rootQuery} ${event.key} not found`, 'NOT_FOUND');
      }
      last = { key: event.key, entities };
      return { data: plan.shape(event, entities) };
    };
    const replayed = new Set<string>();
    try {
      await this.options.hub.flush(subjects);
      for (const subject of subjects) {
        if (!since) break;
        for await (const stored of this.options.hub.replay(subject, since)) {
          const event = plan.spec.accept(stored, plan.args, this.options.subjects);
          const id = cloudEventIdOf(stored);
          if (!event || (id !== null && replayed.has(id))) continue;
          if (id !== null) replayed.add(id);
          yield await resolve({ ...event, source: stored });
        }
      }
      let mode: Continuation = 'continue';
      if (plan.spec.snapshot) {
        const snapshot = await plan.spec.snapshot(plan.args, run);
        if (!snapshot) {
          yield errorResult(`${plan.spec.rootQuery} ${String(plan.args.id)} not found`, 'NOT_FOUND');
          return;
        }
        yield await resolve(snapshot.event);
        mode = snapshot.then;
      }
      while (mode !== 'complete') {
        if (mode === 'complete-after-trajectory' && !trajectoryTimer) {
          trajectoryTimer = setTimeout(() => queue.close(), this.options.trajectoryWaitMs);
        }
        const next = await queue.next();
        if (next.done) return;
        if (replayed.size > 0 && next.value.source) {
          const id = cloudEventIdOf(next.value.source as StoredEvent);
          if (id !== null && replayed.has(id)) continue;
        }
        yield await resolve(next.value);
        const after = plan.spec.after?.(next.value) ?? 'continue';
        if (after !== 'continue') mode = after;
      }
    } catch (err) {
      if (err instanceof SlowSubscriberError) this.options.observer?.dropped(plan.fieldName, err.dropped);
      this.options.logger.warn({ err, field: plan.fieldName }, 'subscription ended with an error');
      yield errorResult(err instanceof Error ? err.message : 'subscription failed', err instanceof SlowSubscriberError ? 'RATE_LIMITED' : 'INTERNAL_SERVER_ERROR');
    } finally {
      clearTimeout(trajectoryTimer);
      queue.close();
      release();
    }
  }
}
