import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogger } from '../../../lib/server';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const request = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('requestLogger', () => {
  it('binds the x-request-id header to every line', () => {
    const { logger, lines } = capture();
    requestLogger(logger, request({ 'x-request-id': 'req-42' })).info('hello');
    expect(lines[0]).toMatchObject({ requestId: 'req-42', msg: 'hello' });
  });

  it('binds the trace id of a W3C traceparent', () => {
    const { logger, lines } = capture();
    requestLogger(logger, request({ 'x-request-id': 'req-7', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).info('hello');
    expect(lines[0]).toMatchObject({ requestId: 'req-7', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('ignores a malformed traceparent', () => {
    const { logger, lines } = capture();
    requestLogger(logger, request({ traceparent: 'not-a-traceparent' })).info('hello');
    expect(lines[0]?.traceId).toBeUndefined();
  });

  it('makes up a UUID when the header is missing', () => {
    const { logger, lines } = capture();
    requestLogger(logger, request({})).info('hello');
    expect(lines[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
