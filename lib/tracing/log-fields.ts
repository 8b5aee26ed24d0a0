import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/**
 * `trace_id`, `span_id` and `trace_flags` (hex, as the OpenTelemetry log data model names them)
 * of the span of `ctx` (the active one by default), for a log line written inside it; nothing
 * outside a span or without tracing. Called by the logger's pino `mixin`, so that a log line can
 * be found from its trace and back.
 *
 * @returns a new object on each call (pino merges the line's own fields into it)
 */
export function traceLogFields(ctx: Context = context.active()): Record<string, string> {
  const spanContext = trace.getSpanContext(ctx);
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: `0${spanContext.traceFlags.toString(16)}`.slice(-2) };
}
