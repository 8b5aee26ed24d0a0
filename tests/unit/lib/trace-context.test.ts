import { headers } from '@nats-io/nats-core';
import { ROOT_CONTEXT, TraceFlags, propagation, trace } from '@opentelemetry/api';
import { core } from '@opentelemetry/sdk-node';
import { contextFromHeaders, subjectTemplate, traceHeaders } from '../../../lib/nats';
import { captureTraceContext, contextFromCarrier, parentContext, traceLogFields } from '../../../lib/tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const inSpanContext = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });

describe('trace context helpers (W3C propagator registered, as startTracing does)', () => {
  beforeAll(() => {
    propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  });

  afterAll(() => {
    propagation.disable();
  });

  it('captures the traceparent of a context to store with a row, and nothing outside a span', () => {
    expect(captureTraceContext(inSpanContext)).toEqual({ traceparent: TRACEPARENT });
    expect(captureTraceContext(ROOT_CONTEXT)).toBeNull();
  });

  it('continues the trace stored with a row when no span is active, and none when nothing was stored', () => {
    expect(trace.getSpanContext(parentContext({ traceparent: TRACEPARENT })!)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(parentContext(null)).toBeNull();
    expect(parentContext({ traceparent: 'not a traceparent' })).toBeNull();
    expect(trace.getSpanContext(contextFromCarrier(null))).toBeUndefined();
  });

  it('carries the trace context in NATS headers and reads it back on the consumer side', () => {
    const h = traceHeaders(inSpanContext);
    expect(h?.get('traceparent')).toBe(TRACEPARENT);
    expect(trace.getSpanContext(contextFromHeaders(h))).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    expect(traceHeaders(ROOT_CONTEXT)).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders(headers()))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders(undefined))).toBeUndefined();
  });

  it('gives a log line inside a span its trace_id, span_id and trace_flags, and a fresh empty object outside one', () => {
    expect(traceLogFields(inSpanContext)).toEqual({ trace_id: TRACE_ID, span_id: SPAN_ID, trace_flags: '01' });
    const outside = traceLogFields(ROOT_CONTEXT);
    expect(outside).toEqual({});
    expect(traceLogFields(ROOT_CONTEXT)).not.toBe(outside);
  });
});

describe('subjectTemplate', () => {
  it('replaces the id segments of a subject, so that span names stay few', () => {
    expect(subjectTemplate('t1a.events.content.job.0b6f1c2e-4a57-4d8e-9c61-2f0e9d7b5a10')).toBe('t1a.events.content.job.{id}');
    expect(subjectTemplate('events.emotion.trajectory.created.0B6F1C2E-4A57-4D8E-9C61-2F0E9D7B5A10')).toBe('events.emotion.trajectory.created.{id}');
    expect(subjectTemplate('jobs.content.generate')).toBe('jobs.content.generate');
  });
});
