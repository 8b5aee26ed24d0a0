import { z } from 'zod';

const unsetWhenEmpty = (v: unknown) => (v === '' ? undefined : v);

/**
 * `OTEL_RESOURCE_ATTRIBUTES`: `key=value` pairs separated by commas, values percent-encoded (the
 * OpenTelemetry SDK format), e.g. `deployment.environment.name=prod,k8s.cluster.name=eu-1`.
 * Empty or unset: none.
 *
 * @returns the attributes by key (keys and values trimmed, values decoded)
 */
export const resourceAttributes = z.preprocess(
  unsetWhenEmpty,
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      const attributes: Record<string, string> = {};
      for (const pair of (text ?? '').split(',')) {
        if (pair.trim() === '') continue;
        const at = pair.indexOf('=');
        const key = at > 0 ? pair.slice(0, at).trim() : '';
        if (!key) {
          ctx.addIssue({ code: 'custom', message: `"${pair.trim()}" is not key=value` });
          return z.NEVER;
        }
        try {
          attributes[key] = decodeURIComponent(pair.slice(at + 1).trim());
        } catch {
          ctx.addIssue({ code: 'custom', message: `the value of "${key}" is not percent-encoded` });
          return z.NEVER;
        }
      }
      return attributes;
    }),
);

/**
 * Tracing fields every process reads (see `lib/tracing`): OpenTelemetry's standard variable
 * names, parsed here once like every other setting.
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT`: http(s) base URL of an OTLP/HTTP collector (spans are POSTed
 *   as JSON to `<endpoint>/v1/traces`). Unset or empty: tracing is off and nothing of the SDK is
 *   loaded.
 * - `OTEL_RESOURCE_ATTRIBUTES`: extra resource attributes ({@link resourceAttributes}).
 * - `OTEL_TRACES_SAMPLER_ARG`: share of new traces recorded, 0..1 (default 1); a trace started
 *   elsewhere follows its parent's decision (parent-based trace-id ratio sampling).
 * - `OTEL_BSP_SCHEDULE_DELAY`: milliseconds between two exports of the batch span processor
 *   (default 5000).
 */
export const tracingFields = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetWhenEmpty, z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://otel-collector:4318' }).optional()),
  OTEL_RESOURCE_ATTRIBUTES: resourceAttributes,
  OTEL_TRACES_SAMPLER_ARG: z.preprocess(unsetWhenEmpty, z.coerce.number().min(0).max(1).default(1)),
  OTEL_BSP_SCHEDULE_DELAY: z.preprocess(unsetWhenEmpty, z.coerce.number().int().positive().default(5000)),
};
