import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth';
import { BodyTooLargeError, readBody } from './read-body';

/** Largest accepted request body (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Screens a GraphQL request (`{ query, operationName, variables, extensions }`) before Apollo
 * Server sees it, e.g. against a persisted-operation safelist; returns the request to run.
 * Throws a `GraphQLError` (with `extensions.http.status`) to refuse it.
 */
export type RequestScreen = (request: Record<string, unknown>) => Record<string, unknown>;

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...extraHeaders }).end(JSON.stringify(body));
}

/** Applies a {@link RequestScreen} to a GET request's search parameters. */
function screenSearch(search: URLSearchParams, screen: RequestScreen): string {
  let extensions: unknown;
  try {
    extensions = search.has('extensions') ? JSON.parse(search.get('extensions')!) : undefined;
  } catch {
    extensions = undefined;
  }
  const screened = screen({ query: search.get('query') ?? undefined, extensions });
  const out = new URLSearchParams(search);
  if (typeof screened.query === 'string') out.set('query', screened.query);
  if (screened.extensions && Object.keys(screened.extensions).length > 0) out.set('extensions', JSON.stringify(screened.extensions));
  else out.delete('extensions');
  return `?${out.toString()}`;
}

/**
 * Adapts an Apollo Server to Node's `http` request handler (Apollo Server 5 ships no
 * framework integration here). JSON bodies only; 413 above {@link MAX_BODY_BYTES}, 400 on
 * malformed JSON.
 *
 * @param context builds the per-request context (DataLoaders, caller) from the Node request and
 *   the authenticated caller
 * @param screen optional check of every request before Apollo Server (answered with its error)
 */
export function createGraphQLHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (req: IncomingMessage, caller: Principal) => Promise<TContext>,
  screen?: RequestScreen,
) {
  return async (req: IncomingMessage, res: ServerResponse, caller: Principal): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] }, { connection: 'close' });
          return;
        }
        throw err;
      }
      try {
        body = raw.length > 0 ? JSON.parse(raw) : undefined;
      } catch {
        sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let search = url.search;
    if (screen) {
      try {
        if (body && typeof body === 'object' && !Array.isArray(body)) body = screen(body as Record<string, unknown>);
        else if (req.method === 'GET') search = screenSearch(url.searchParams, screen);
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        const { http, ...extensions } = err.extensions as { http?: { status?: number } };
        sendJson(res, http?.status ?? 400, { errors: [{ message: err.message, extensions }] });
        return;
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => context(req, caller),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
