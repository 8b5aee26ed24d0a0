import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Graph API version the fake serves under (`/v1.0/...`), as `graph.threads.net` does. */
export const FAKE_THREADS_VERSION = 'v1.0';

/** Longest text post the fake accepts, counted as Threads counts it (see {@link threadsTextLength}). */
export const FAKE_THREADS_MAX_TEXT = 500;

/** A Threads account the fake knows, by its access token. */
export interface FakeThreadsAccount {
  /** Threads user id (the `{threads-user-id}` of the paths). */
  userId: string;
  /** Handle in permalinks (`https://www.threads.net/@<username>/post/<code>`); default `user<userId>`. */
  username?: string;
  /** True: every call with this token fails with code 190, subcode 463 (session expired). */
  expired?: boolean;
}

/** Options of {@link startThreadsServer}. */
export interface ThreadsServerOptions {
  /** Accounts by access token. */
  accounts: Readonly<Record<string, FakeThreadsAccount>>;
  /** Delay before each reply (ms; default 0), as a remote API takes time. */
  latencyMs?: number;
}

/** Status of a media container (`GET /{container-id}?fields=status`). */
export type FakeContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

/** A media container made by `POST /{user-id}/threads`. */
export interface FakeContainer {
  id: string;
  userId: string;
  mediaType: string;
  text: string;
  status: FakeContainerStatus;
  /** The media it was published as; null before. */
  mediaId: string | null;
}

/** Media insights the fake reports (cumulative counts, lifetime period). */
export interface FakeInsights {
  views: number;
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  shares: number;
}

/** A published post (`POST /{user-id}/threads_publish`). */
export interface FakeMedia {
  id: string;
  userId: string;
  containerId: string;
  text: string;
  /** `https://www.threads.net/@<username>/post/<shortcode>`. */
  permalink: string;
  shortcode: string;
  /** Publication time as the Graph API writes it: ISO 8601 in UTC, seconds, `+0000` (`2024-07-10T18:59:22+0000`). */
  timestamp: string;
  insights: FakeInsights;
}

/** A request the fake received, and how it answered. */
export interface RecordedThreadsRequest {
  method: string;
  /** Path without the query string, version included (`/v1.0/123/threads`). */
  path: string;
  /** Path and query string as received (tokens in the URL would show here). */
  url: string;
  /** The `Authorization` header, or undefined. */
  authorization: string | undefined;
  contentType: string | undefined;
  /** The raw request body ('' without one). */
  body: string;
  /** Query-string and body parameters together (the body's win), as the Graph API reads them. */
  params: Record<string, string>;
  /** HTTP status of the reply (set once answered; 0 before). */
  status: number;
}

/**
 * A failure injected with {@link ThreadsServer.failNext}: `rate-limit` is HTTP 400 with code 4
 * ("Application request limit reached", `is_transient`), `server-error` HTTP 500 with code 2
 * ("An unexpected error has occurred").
 */
export type ThreadsFailureKind = 'rate-limit' | 'server-error';

/** Calls a failure can be injected into: container creation, publication, reads of a container or media, insights. */
export type ThreadsEndpoint = 'create' | 'publish' | 'read' | 'insights';

/** Metrics `GET /{media-id}/insights` knows. */
const METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
type Metric = (typeof METRICS)[number];

const METRIC_TEXT: Record<Metric, { title: string; description: string }> = {
  views: { title: 'Views', description: 'The number of times your post was viewed.' },
  likes: { title: 'Likes', description: 'The number of likes on your post.' },
  replies: { title: 'Replies', description: 'The number of replies on your post.' },
  reposts: { title: 'Reposts', description: 'The number of times your post was reposted.' },
  quotes: { title: 'Quotes', description: 'The number of times your post was quoted.' },
  shares: { title: 'Shares', description: 'The number of times your post was shared.' },
};

const CONTAINER_FIELDS = new Set(['id', 'status', 'error_message']);
const MEDIA_FIELDS = new Set(['id', 'permalink', 'timestamp', 'text', 'media_type', 'shortcode', 'username', 'owner', 'is_quote_post']);

/** A Graph API error reply: HTTP status and the `error` object of the body. */
interface GraphError {
  status: number;
  message: string;
  code: number;
  subcode?: number;
  type?: string;
  transient?: boolean;
}

/**
 * A text's length as Threads counts it against the 500 limit: one per code point, except emoji,
 * which count as their UTF-8 bytes (Threads API reference, "Publishing": "emojis are counted as
 * the number of UTF-8 bytes").
 */
export function threadsTextLength(text: string): number {
  let length = 0;
  for (const char of text) length += /\p{Extended_Pictographic}/u.test(char) ? Buffer.byteLength(char, 'utf8') : 1;
  return length;
}

/** The Graph API's timestamp format: `2024-07-10T18:59:22+0000`. */
function graphTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Graph API error "object does not exist" (code 100, subcode 33) for `id`. */
function unknownObject(method: string, id: string): GraphError {
  return {
    status: 400,
    code: 100,
    subcode: 33,
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/threads`,
  };
}

const INJECTED: Record<ThreadsFailureKind, GraphError> = {
  'rate-limit': { status: 400, code: 4, message: '(#4) Application request limit reached', transient: true },
  'server-error': { status: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.', transient: true },
};

/**
 * Starts a local HTTP server (port 0, 127.0.0.1) speaking the part of the Threads Graph API
 * (`graph.threads.net/v1.0`) a text publisher calls, with its reply shapes and error bodies:
 *
 * - `POST /{user-id}/threads` (`media_type=TEXT`, `text`): a media container, FINISHED at once → `{id}`;
 *   a text over {@link FAKE_THREADS_MAX_TEXT} ({@link threadsTextLength}) → code 100.
 * - `POST /{user-id}/threads_publish` (`creation_id`): publishes the container (PUBLISHED) as a
 *   media → `{id}`; a container already PUBLISHED, EXPIRED or in ERROR → code 100 (wording of the fake's own).
 * - `GET /{id}?fields=...`: a container (`id,status,error_message`) or a media
 *   (`id,permalink,timestamp,text,media_type,shortcode,username,owner,is_quote_post`); an unknown
 *   field → code 100.
 * - `GET /{media-id}/insights?metric=views,likes,...`: `{data:[{name, period: 'lifetime',
 *   values: [{value}], title, description, id: '<media>/insights/<name>/lifetime'}]}` in the order asked.
 *
 * The token is read from `Authorization: Bearer` or, as Graph API does, an `access_token`
 * parameter (every request is recorded, so a test can tell which was used). Errors are Graph
 * API style, HTTP 400 unless said otherwise, body `{"error":{"message","type":"OAuthException",
 * "code","error_subcode","fbtrace_id"}}`: no token → code 104; unknown token → 190; an `expired`
 * account → 190/463 ("Session has expired"); a `{user-id}` (or `me`) other than the token's user,
 * or an id of another user's or no object → 100/33; unknown path → 2500. Ids are numeric strings.
 * Parameters come from the query string and from form (or JSON) bodies.
 *
 * @returns the server's base URL with the version (`http://127.0.0.1:PORT/v1.0`) and the handles of {@link ThreadsServer}
 */
export async function startThreadsServer(options: ThreadsServerOptions) {
  const accounts = new Map(Object.entries(options.accounts).map(([token, account]) => [token, { ...account }]));
  const containers = new Map<string, FakeContainer>();
  const media = new Map<string, FakeMedia>();
  const published: FakeMedia[] = [];
  const requests: RecordedThreadsRequest[] = [];
  const failures: Record<ThreadsEndpoint, ThreadsFailureKind[]> = { create: [], publish: [], read: [], insights: [] };
  let latencyMs = options.latencyMs ?? 0;
  let nextId = 17_890_000_000_000_000n;
  const newId = () => String(++nextId);

  const usernameOf = (account: FakeThreadsAccount) => account.username ?? `user${account.userId}`;

  const sendError = (res: ServerResponse, error: GraphError) => {
    const body = {
      error: {
        message: error.message,
        type: error.type ?? 'OAuthException',
        code: error.code,
        ...(error.subcode !== undefined ? { error_subcode: error.subcode } : {}),
        ...(error.transient ? { is_transient: true } : {}),
        fbtrace_id: randomBytes(9).toString('base64url'),
      },
    };
    res.writeHead(error.status, { 'content-type': 'application/json; charset=UTF-8', 'www-authenticate': `OAuth "Facebook Platform" "${error.code === 190 ? 'invalid_token' : 'invalid_request'}" "${error.message}"` });
    res.end(JSON.stringify(body));
  };

  /** The account of the request's token, or the error to answer. */
  const authenticate = (token: string | undefined): FakeThreadsAccount | GraphError => {
    if (!token) return { status: 400, code: 104, message: 'An access token is required to request this resource.' };
    const account = accounts.get(token);
    if (!account) return { status: 400, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' };
    if (account.expired) {
      return { status: 400, code: 190, subcode: 463, message: 'Error validating access token: Session has expired on Monday, 01-Sep-25 10:00:00 PDT. The current time is Tuesday, 02-Sep-25 10:00:00 PDT.' };
    }
    return account;
  };

  const injected = (endpoint: ThreadsEndpoint): GraphError | null => {
    const kind = failures[endpoint].shift();
    return kind ? INJECTED[kind] : null;
  };

  type Reply = { status: number; body: unknown } | GraphError;
  const ok = (body: unknown): Reply => ({ status: 200, body });
  const isError = (reply: Reply): reply is GraphError => 'code' in reply;

  const createContainer = (account: FakeThreadsAccount, params: Record<string, string>): Reply => {
    const mediaType = params.media_type;
    if (!mediaType) return { status: 400, code: 100, message: '(#100) The parameter media_type is required.' };
    if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(mediaType)) return { status: 400, code: 100, message: '(#100) Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}' };
    if (mediaType !== 'TEXT') return { status: 400, code: 100, message: `(#100) media_type ${mediaType} is not supported by this test double` };
    const text = params.text ?? '';
    if (!text) return { status: 400, code: 100, message: '(#100) The parameter text is required for a text post.' };
    if (threadsTextLength(text) > FAKE_THREADS_MAX_TEXT) return { status: 400, code: 100, message: `Param text must be at most ${FAKE_THREADS_MAX_TEXT} characters long.` };
    const failure = injected('create');
    if (failure) return failure;
    const container: FakeContainer = { id: newId(), userId: account.userId, mediaType, text, status: 'FINISHED', mediaId: null };
    containers.set(container.id, container);
    return ok({ id: container.id });
  };

  const publishContainer = (account: FakeThreadsAccount, params: Record<string, string>): Reply => {
    const creationId = params.creation_id;
    if (!creationId) return { status: 400, code: 100, message: '(#100) The parameter creation_id is required.' };
    const failure = injected('publish');
    if (failure) return failure;
    const container = containers.get(creationId);
    if (!container || container.userId !== account.userId) return unknownObject('POST', creationId);
    if (container.status === 'PUBLISHED') return { status: 400, code: 100, message: `(#100) The media container ${creationId} was already published (media ${container.mediaId})` };
    if (container.status !== 'FINISHED') return { status: 400, code: 100, message: `(#100) The media container ${creationId} cannot be published: its status is ${container.status}` };
    const shortcode = randomBytes(8).toString('base64url').slice(0, 11);
    const item: FakeMedia = {
      id: newId(),
      userId: account.userId,
      containerId: container.id,
      text: container.text,
      permalink: `https://www.threads.net/@${usernameOf(account)}/post/${shortcode}`,
      shortcode,
      timestamp: graphTimestamp(new Date()),
      insights: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 },
    };
    container.status = 'PUBLISHED';
    container.mediaId = item.id;
    media.set(item.id, item);
    published.push(item);
    return ok({ id: item.id });
  };

  const readObject = (account: FakeThreadsAccount, id: string, params: Record<string, string>): Reply => {
    const failure = injected('read');
    if (failure) return failure;
    const fields = (params.fields ?? 'id').split(',').map((f) => f.trim()).filter(Boolean);
    const container = containers.get(id);
    const item = media.get(id);
    if (container && container.userId === account.userId) {
      const unknown = fields.find((f) => !CONTAINER_FIELDS.has(f));
      if (unknown) return { status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (ThreadsMediaContainer)` };
      const all: Record<string, unknown> = { id: container.id, status: container.status, ...(container.status === 'ERROR' ? { error_message: 'UNKNOWN' } : {}) };
      return ok(Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])));
    }
    if (item && item.userId === account.userId) {
      const unknown = fields.find((f) => !MEDIA_FIELDS.has(f));
      if (unknown) return { status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (ThreadsMedia)` };
      const all: Record<string, unknown> = {
        id: item.id,
        permalink: item.permalink,
        timestamp: item.timestamp,
        text: item.text,
        media_type: 'TEXT_POST',
        shortcode: item.shortcode,
        username: usernameOf(account),
        owner: { id: item.userId },
        is_quote_post: false,
      };
      return ok(Object.fromEntries(fields.map((f) => [f, all[f]])));
    }
    return unknownObject('GET', id);
  };

  const readInsights = (account: FakeThreadsAccount, id: string, params: Record<string, string>): Reply => {
    const item = media.get(id);
    if (!item || item.userId !== account.userId) return unknownObject('GET', id);
    const asked = (params.metric ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    if (asked.length === 0) return { status: 400, code: 100, message: '(#100) The parameter metric is required.' };
    const wrong = asked.findIndex((m) => !(METRICS as readonly string[]).includes(m));
    if (wrong >= 0) return { status: 400, code: 100, message: `(#100) metric[${wrong}] must be one of the following values: ${METRICS.join(', ')}` };
    const failure = injected('insights');
    if (failure) return failure;
    return ok({
      data: (asked as Metric[]).map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: item.insights[name] }],
        title: METRIC_TEXT[name].title,
        description: METRIC_TEXT[name].description,
        id: `${item.id}/insights/${name}/lifetime`,
      })),
    });
  };

  const route = (method: string, segments: string[], account: FakeThreadsAccount, params: Record<string, string>): Reply => {
    const [first, second, ...rest] = segments;
    if (!first || rest.length > 0) return { status: 400, code: 2500, message: `Unknown path components: /${segments.join('/')}` };
    if (method === 'POST' && (second === 'threads' || second === 'threads_publish')) {
      const userId = first === 'me' ? account.userId : first;
      if (userId !== account.userId) return unknownObject('POST', first);
      return second === 'threads' ? createContainer(account, params) : publishContainer(account, params);
    }
    if (method === 'GET' && second === undefined) return readObject(account, first, params);
    if (method === 'GET' && second === 'insights') return readInsights(account, first, params);
    if (second === undefined) return unknownObject(method, first);
    return { status: 400, code: 2500, message: `Unknown path components: /${second}` };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://threads.test');
    const contentType = req.headers['content-type'];
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (raw && contentType?.startsWith('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
    if (raw && contentType?.startsWith('application/json')) {
      try {
        for (const [key, value] of Object.entries(JSON.parse(raw) as Record<string, unknown>)) params[key] = typeof value === 'string' ? value : JSON.stringify(value);
      } catch {
        // Left out of params; answered below like any other request.
      }
    }
    const method = req.method ?? 'GET';
    const recorded: RecordedThreadsRequest = { method, path: url.pathname, url: req.url ?? '/', authorization: req.headers.authorization, contentType, body: raw, params, status: 0 };
    requests.push(recorded);

    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const segments = url.pathname.split('/').filter(Boolean);
    let reply: Reply;
    if (segments[0] !== FAKE_THREADS_VERSION) {
      reply = { status: 400, code: 2500, message: `Unknown path components: ${url.pathname}` };
    } else {
      const account = authenticate(bearer ?? params.access_token);
      reply = 'userId' in account ? route(method, segments.slice(1), account, params) : account;
    }
    recorded.status = reply.status;
    if (isError(reply)) sendError(res, reply);
    else res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(reply.body));
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (latencyMs > 0) setTimeout(() => handle(req, res, raw), latencyMs);
      else handle(req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    /** Base URL with the version, for `THREADS_API_URL`: `http://127.0.0.1:PORT/v1.0`. */
    url: `http://127.0.0.1:${port}/${FAKE_THREADS_VERSION}`,
    /** Every request received, oldest first. */
    requests,
    /** Containers by id. */
    containers,
    /** Published media by id. */
    media,
    /** Published media in publication order. */
    published,
    /**
     * Sets a media's insights (cumulative counts; metrics left out keep their value).
     *
     * @throws {Error} when no media has that id
     */
    setInsights(mediaId: string, insights: Partial<FakeInsights>): void {
      const item = media.get(mediaId);
      if (!item) throw new Error(`No Threads media ${mediaId}`);
      Object.assign(item.insights, insights);
    },
    /** Answers the next `count` calls of `endpoint` with `kind` (queued after failures already injected there). */
    failNext(endpoint: ThreadsEndpoint, count: number, kind: ThreadsFailureKind): void {
      for (let i = 0; i < count; i++) failures[endpoint].push(kind);
    },
    /** Answers the next `count` `threads_publish` calls with `kind` (see {@link ThreadsFailureKind}). */
    failNextPublishes(count: number, kind: ThreadsFailureKind): void {
      for (let i = 0; i < count; i++) failures.publish.push(kind);
    },
    /**
     * Sets a container's status (EXPIRED: not published within 24 hours; ERROR).
     *
     * @throws {Error} when no container has that id
     */
    setContainerStatus(containerId: string, status: FakeContainerStatus): void {
      const container = containers.get(containerId);
      if (!container) throw new Error(`No Threads container ${containerId}`);
      container.status = status;
    },
    /**
     * Marks a token's session expired (true) or valid again (false).
     *
     * @throws {Error} when no account has that token
     */
    setExpired(token: string, expired: boolean): void {
      const account = accounts.get(token);
      if (!account) throw new Error('Unknown token');
      account.expired = expired;
    },
    /** Sets the delay before each reply (ms). */
    setLatency(ms: number): void {
      latencyMs = ms;
    },
    /** Stops the server, closing open connections. */
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A running {@link startThreadsServer}. */
export type ThreadsServer = Awaited<ReturnType<typeof startThreadsServer>>;
