import { ROOT_CONTEXT, propagation } from '@opentelemetry/api';
import type { Context, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { headers } from '@nats-io/nats-core';
import type { MsgHdrs } from '@nats-io/nats-core';

const setter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/** What a trace context is read from: NATS headers of any `@nats-io/nats-core` build (the services package bundles its own). */
export interface HeaderReader {
  keys(): string[];
  get(key: string): string;
}

const getter: TextMapGetter<HeaderReader | undefined> = {
  keys: (carrier) => carrier?.keys() ?? [],
  // MsgHdrs answers '' for a missing header.
  get: (carrier, key) => carrier?.get(key) || undefined,
};

/**
 * NATS headers carrying the trace context `ctx` (`traceparent`, and `tracestate` / `baggage`
 * when set), written by the registered propagator (W3C): how a message continues its producer's
 * trace in its consumer.
 *
 * @returns the headers, or undefined when there is nothing to carry (no span, tracing off)
 */
export function traceHeaders(ctx: Context): MsgHdrs | undefined {
  const h = headers();
  propagation.inject(ctx, h, setter);
  return h.keys().length > 0 ? h : undefined;
}

/** The trace context a consumed message carries in its headers; the root context when none. */
export function contextFromHeaders(h: HeaderReader | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, h, getter);
}
