import { ROOT_CONTEXT, context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/**
 * A W3C trace context as text fields (`traceparent`, and `tracestate` / `baggage` when set), as
 * the registered propagator writes it: what a row stores to continue its trace later, and what a
 * message carries in its headers.
 */
export type TraceCarrier = Record<string, string>;

/**
 * The trace context `ctx` (the active one by default) belongs to, to store with a row that is
 * published later (an outbox event, a queued job).
 *
 * @returns the carrier, or null when no span is active or tracing is off (no propagator registered)
 * @example
 * await trx.insertInto('outbox').values({ ..., trace_context: captureTraceContext() }).execute();
 */
export function captureTraceContext(ctx: Context = context.active()): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? carrier : null;
}

/** The context of a carrier (see {@link captureTraceContext}); the root context when it holds none. */
export function contextFromCarrier(carrier: TraceCarrier | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** Whether a span (local, or remote from a carrier) is set in `ctx`. */
export function hasSpan(ctx: Context): boolean {
  const spanContext = trace.getSpanContext(ctx);
  return spanContext !== undefined && isSpanContextValid(spanContext);
}

/**
 * The context a message continues: the active span's when one is active (a mutation or a
 * handler publishing now), else the one stored with its row (a relay or sweeper pass publishing
 * a row written earlier), else none.
 *
 * @returns the parent context, or null when the message belongs to no trace
 */
export function parentContext(stored?: TraceCarrier | null): Context | null {
  const active = context.active();
  if (hasSpan(active)) return active;
  const restored = contextFromCarrier(stored);
  return hasSpan(restored) ? restored : null;
}
