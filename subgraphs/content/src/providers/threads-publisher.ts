import { z } from 'zod';
import type { EngagementTotals } from '../db/repositories/engagement';
import { PublishError } from './publisher';
import type { Publisher } from './publisher';

/** A persona's Threads account: its Threads user id and a long-lived access token. */
export interface ThreadsAccount {
  userId: string;
  accessToken: string;
}

/** Settings of {@link createThreadsPublisher}. */
export interface ThreadsPublisherOptions {
  /** Graph API base with version, e.g. `https://graph.threads.net/v1.0`. */
  apiUrl: string;
  /** Accounts by persona handle (`THREADS_ACCOUNTS`). */
  accounts: Readonly<Record<string, ThreadsAccount>>;
  /** Timeout of each HTTP request (ms). */
  timeoutMs: number;
  /** Time between engagement reports of a post (ms). */
  insightsIntervalMs: number;
  /** How long after publication a post's engagement is read (hours). */
  insightsHours: number;
}

/** Longest text post Threads accepts, in characters, an emoji counting as its UTF-8 bytes (Threads API "Posts", limitations). */
export const THREADS_MAX_TEXT = 500;

/** A text's length as Threads counts it: one per character, an emoji's UTF-8 bytes for an emoji. */
export function threadsTextLength(text: string): number {
  let length = 0;
  for (const char of text) length += /\p{Extended_Pictographic}/u.test(char) ? Buffer.byteLength(char) : 1;
  return length;
}

/** Graph API error codes that mean "too many calls, retry later" (4, 17, 32, 613: rate limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
/** Graph API error code of an invalid or expired access token (`OAuthException`). */
const INVALID_TOKEN_CODE = 190;

const graphError = z.object({ error: z.object({ message: z.string(), type: z.string().optional(), code: z.number(), error_subcode: z.number().optional() }) });
const idReply = z.object({ id: z.string().min(1) });
const containerReply = z.object({ id: z.string(), status: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']) });
const mediaReply = z.object({ id: z.string(), permalink: z.string().optional(), timestamp: z.string().optional() });
const insightsReply = z.object({
  data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.number() })).optional(), total_value: z.object({ value: z.number() }).optional() })),
});

/** The reason of a failed Graph API call, from its HTTP status and error body. */
function classify(status: number, body: unknown): PublishError {
  const parsed = graphError.safeParse(body);
  const detail = parsed.success ? parsed.data.error : null;
  const message = `Threads API ${status}: ${detail?.message ?? 'no error body'}${detail ? ` (code ${detail.code}${detail.error_subcode ? `/${detail.error_subcode}` : ''})` : ''}`;
  if (detail?.code === INVALID_TOKEN_CODE) return new PublishError(message, 'TOKEN_EXPIRED', false);
  if (status === 429 || (detail && RATE_LIMIT_CODES.has(detail.code))) return new PublishError(message, 'RATE_LIMITED', true);
  if (status >= 500) return new PublishError(message, 'THREADS_UNAVAILABLE', true);
  return new PublishError(message, 'THREADS_REJECTED', false);
}

/**
 * The Threads API (Graph API, `graph.threads.net`) over Node's fetch: a text post is a media
 * container (`POST /{user-id}/threads`, `media_type=TEXT`) then its publication
 * (`POST /{user-id}/threads_publish`, `creation_id`), then its permalink (`GET /{media-id}`);
 * engagement is the media's insights (`GET /{media-id}/insights`, views as impressions). The
 * persona's access token goes in the `Authorization: Bearer` header, never in a URL, so it does not
 * reach logs. Written by hand: no maintained Threads client exists for Node; the calls are three.
 *
 * Idempotence: the container is saved (`onContainer`) before it is published; a retry first reads
 * its status and publishes the same container (FINISHED, IN_PROGRESS), makes a new one (EXPIRED,
 * ERROR), or fails without publishing again when it is already PUBLISHED (the media id was lost
 * with the earlier attempt: the post is on Threads once, and its row says so in `publishError`).
 * Once `threads_publish` answered, the publication stands: when the permalink cannot be read, the
 * post keeps its media id with a `threads.net/post/<media id>` address and the local time.
 *
 * Errors ({@link PublishError}): `TOKEN_EXPIRED` (code 190) and `THREADS_REJECTED` (other 4xx,
 * a missing account, a text over {@link THREADS_MAX_TEXT} characters) are final; `RATE_LIMITED`
 * (HTTP 429, codes 4, 17, 32, 613), `THREADS_UNAVAILABLE` (5xx, network, timeout) are retried.
 */
export function createThreadsPublisher(options: ThreadsPublisherOptions): Publisher {
  const base = options.apiUrl.replace(/\/+$/, '');

  async function call<T extends z.ZodType>(account: ThreadsAccount, method: 'GET' | 'POST', path: string, params: Record<string, string>, reply: T): Promise<z.output<T>> {
    const query = new URLSearchParams(params).toString();
    const url = method === 'GET' && query ? `${base}${path}?${query}` : `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${account.accessToken}`, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: method === 'POST' ? query : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      throw new PublishError(`Threads API unreachable: ${err instanceof Error ? err.message : String(err)}`, 'THREADS_UNAVAILABLE', true);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw classify(response.status, body);
    const parsed = reply.safeParse(body);
    if (!parsed.success) throw new PublishError(`Threads API ${path}: unexpected reply`, 'THREADS_UNAVAILABLE', true);
    return parsed.data;
  }

  function accountOf(personaName: string): ThreadsAccount {
    const account = options.accounts[personaName];
    if (!account) throw new PublishError(`No Threads account configured for persona ${personaName} (THREADS_ACCOUNTS)`, 'THREADS_REJECTED', false);
    return account;
  }

  async function usableContainer(account: ThreadsAccount, containerId: string | null): Promise<string | null> {
    if (!containerId) return null;
    const container = await call(account, 'GET', `/${containerId}`, { fields: 'id,status' }, containerReply);
    if (container.status === 'PUBLISHED') {
      throw new PublishError(`Threads container ${containerId} was already published by an earlier attempt whose media id was lost`, 'ALREADY_PUBLISHED', false);
    }
    return container.status === 'FINISHED' || container.status === 'IN_PROGRESS' ? containerId : null;
  }

  return {
    name: 'threads',
    async publish(request) {
      const account = accountOf(request.personaName);
      const length = threadsTextLength(request.text);
      if (length > THREADS_MAX_TEXT) {
        throw new PublishError(`The post counts ${length} characters (an emoji as its UTF-8 bytes); Threads takes at most ${THREADS_MAX_TEXT}`, 'THREADS_REJECTED', false);
      }
      let containerId = await usableContainer(account, request.containerId);
      if (!containerId) {
        containerId = (await call(account, 'POST', `/${account.userId}/threads`, { media_type: 'TEXT', text: request.text }, idReply)).id;
        await request.onContainer(containerId);
      }
      const media = await call(account, 'POST', `/${account.userId}/threads_publish`, { creation_id: containerId }, idReply);
      // The post is on Threads now: a failed read of its permalink must not fail the publication
      // (a retry would find the container PUBLISHED and the media id lost), so it falls back.
      const details = await call(account, 'GET', `/${media.id}`, { fields: 'id,permalink,timestamp' }, mediaReply).catch(() => ({ permalink: undefined, timestamp: undefined }));
      return {
        externalId: media.id,
        url: details.permalink ?? `https://www.threads.net/post/${media.id}`,
        publishedAt: details.timestamp ? new Date(details.timestamp) : new Date(),
      };
    },
    async engagement(post): Promise<EngagementTotals> {
      const account = accountOf(post.personaName);
      const insights = await call(account, 'GET', `/${post.externalId}/insights`, { metric: 'views,likes,replies,reposts' }, insightsReply);
      const metric = (name: string) => {
        const item = insights.data.find((m) => m.name === name);
        return Math.max(0, Math.round(item?.total_value?.value ?? item?.values?.[0]?.value ?? 0));
      };
      return { impressions: metric('views'), likes: metric('likes'), replies: metric('replies'), reposts: metric('reposts'), follows: 0 };
    },
    nextReportAt(publishedAt, now) {
      const end = publishedAt.getTime() + options.insightsHours * 3_600_000;
      const next = now.getTime() + options.insightsIntervalMs;
      return next > end ? null : new Date(next);
    },
  };
}
