import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';
import type { Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import type { ConnectionStatus } from './connection-status';
import { reconnectDelayMs } from './connection-status';

/**
 * Object types of the API without an `id`: graphcache embeds them in their parent instead of
 * normalizing them (and warning about a missing key).
 */
const EMBEDDED_TYPES = [
  'AchievementCategoryCount', 'AchievementConnection', 'AchievementEdge', 'AchievementMonth', 'AchievementSourceCount', 'AchievementStats',
  'BlockReason', 'CodeChange', 'ContentStats', 'CredibleInterval', 'EmotionAnalysis', 'EmotionScores', 'EmotionSegment', 'EmotionSummary',
  'EmotionTransition', 'Engagement', 'ExperimentResults', 'GenerationJobEvent', 'PageInfo', 'PortfolioSnapshotConnection', 'PortfolioSnapshotEdge',
  'PostConnection', 'PostEdge', 'PullRequest', 'Sentiment', 'SimilarPost', 'TrajectoryTypeCount', 'VariantComparison',
];

/** The close code of a socket the gateway refused for its token (graphql-ws's `Forbidden`). */
const FORBIDDEN_CLOSE_CODE = 4403;

/** The error a refused socket's subscriptions end with, as a GraphQL error (urql shows it like the API's own). */
const TOKEN_REFUSED = { message: 'The gateway refused the token for live updates', extensions: { code: 'UNAUTHENTICATED' } };

function isTokenRefusal(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { code?: unknown }).code === FORBIDDEN_CLOSE_CODE;
}

/** The API clients of the dashboard: urql over HTTP, and graphql-ws for subscriptions. */
export interface ApiClients {
  client: Client;
  ws: WsClient;
  /** State of `ws`, for the live indicator. */
  status: ConnectionStatus;
}

/**
 * Creates the dashboard's GraphQL clients for one token, on the page's own origin (`/graphql`):
 * queries and mutations over HTTP with `Authorization: Bearer`, subscriptions over graphql-ws with
 * the token in `connection_init`, through urql's normalized cache (graphcache, so a subscription's
 * entities update every query showing them). The WebSocket reconnects forever with backoff
 * ({@link reconnectDelayMs}); `status` follows it (`live`, `reconnecting`). A socket the gateway
 * closes for the token (4403) is not retried: `status` becomes `refused`, and the subscriptions
 * end with an `UNAUTHENTICATED` error the pages show.
 */
export function createApiClients(token: string | null, status: ConnectionStatus, origin: string = window.location.origin): ApiClients {
  const authorization = token ? `Bearer ${token}` : undefined;
  const ws = createWsClient({
    url: `${origin.replace(/^http/, 'ws')}/graphql`,
    connectionParams: () => (authorization ? { Authorization: authorization } : {}),
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (closeEventOrError) => !isTokenRefusal(closeEventOrError),
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
    keepAlive: 15_000,
    on: {
      connected: () => status.set('live'),
      closed: (event) => status.set(isTokenRefusal(event) ? 'refused' : 'reconnecting'),
    },
  });
  const client = new Client({
    url: `${origin}/graphql`,
    // POST always: the gateway's CSRF prevention refuses simple GET requests (no preflight).
    preferGetMethod: false,
    fetchOptions: (): RequestInit => (authorization ? { headers: { authorization } } : {}),
    exchanges: [
      cacheExchange({ keys: Object.fromEntries(EMBEDDED_TYPES.map((name) => [name, () => null])) }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: ws.subscribe(
              { ...request, query: request.query ?? '' },
              { next: sink.next.bind(sink), complete: sink.complete.bind(sink), error: (error) => sink.error(isTokenRefusal(error) ? [TOKEN_REFUSED] : error) },
            ),
          }),
        }),
      }),
    ],
  });
  return { client, ws, status };
}
