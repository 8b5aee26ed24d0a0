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

  it('makes up a UUID when the header is missing', () => {
    const { logger, lines } = capture();
    requestLogger(logger, request({})).info('hello');
    expect(lines[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
