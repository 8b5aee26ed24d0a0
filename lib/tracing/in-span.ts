import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Context, Span, SpanOptions } from '@opentelemetry/api';

/** Tracer of the platform's own spans (a no-op until `startTracing` registers a provider). */
const tracer = trace.getTracer('threads-agent');

/**
 * Runs `run` in a new active span named `name`, child of `parent` (the active context by
 * default): the span records a thrown error (exception event, status ERROR) and ends when `run`
 * settles. Without tracing the span is a no-op and `run` is called as is.
 *
 * @returns what `run` resolves to
 * @throws what `run` throws
 * @example
 * const completion = await inSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT }, () => provider.complete(request));
 */
export function inSpan<T>(name: string, options: SpanOptions, run: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await run(span);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.name}: ${error.message}`.slice(0, 200) });
      throw err;
    } finally {
      span.end();
    }
  });
}
