// Helpers of the subgraph-calls tests: a scriptable GraphQL-over-HTTP subgraph on 127.0.0.1:0
// that records every request, and a direct caller of a data source as `@apollo/gateway` calls it.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import pino from 'pino';
import type { Logger } from '../../../lib/logger';
import type { SubgraphServiceOptions } from '../../../gateway/src/subgraph-calls';

/** One request as the fake subgraph received it. */
export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
}

/** What the fake subgraph answers: a status and JSON body, or `hang` (never answer). */
export type Reply = { status: number; body?: unknown } | 'hang';

/** A running fake subgraph. */
export interface FakeSubgraph {
  url: string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a GraphQL-over-HTTP subgraph whose answers come from `reply(request, index)` (index is
 * 0-based, in arrival order; it may wait, e.g. on a {@link Gate}).
 */
export async function startFakeSubgraph(reply: (request: RecordedRequest, index: number) => Reply | Promise<Reply>): Promise<FakeSubgraph> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      const index = requests.push(recorded) - 1;
      void Promise.resolve(reply(recorded, index)).then((answer) => {
        if (answer === 'hang' || res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A `200` GraphQL result. */
export function ok(data: unknown): Reply {
  return { status: 200, body: { data } };
}

/** A promise the test opens explicitly (to hold subgraph answers). */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;
  constructor() {
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
  }
}

/** Lets pending I/O callbacks and promise continuations run (not a wait for time). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Sleeps (only to let a configured delay pass; never to assert on time). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls a data source as `@apollo/gateway` does for one fetch of a query plan. */
export function callSubgraph(
  service: GraphQLDataSource,
  request: { query: string; variables?: Record<string, unknown>; operationName?: string },
  context: Record<string, unknown> = {},
) {
  const incomingRequestContext = { context } as unknown as GatewayGraphQLRequestContext;
  return service.process({ kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION, request: { ...request }, incomingRequestContext, context });
}

/** A pino logger whose lines are kept (parsed) in `lines`. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/** Options for `createSubgraphService` with test defaults: no retries, a breaker that never opens. */
export function serviceOptions(url: string, overrides: Partial<SubgraphServiceOptions> = {}): SubgraphServiceOptions {
  return {
    name: 'content',
    url,
    timeoutMs: 5_000,
    retries: 0,
    breaker: { threshold: 1_000, halfOpenAfterMs: 60_000 },
    headers: () => ({}),
    dedupKey: () => null,
    logger: pino({ level: 'silent' }),
    ...overrides,
  };
}
