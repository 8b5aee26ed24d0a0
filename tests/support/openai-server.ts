import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashingEmbedding } from '../../subgraphs/content/src/domain/embedding';

/** A recorded chat-completions request. */
export interface RecordedRequest {
  authorization: string | undefined;
  body: { model: string; stream: boolean; messages: Array<{ role: string; content: string }> };
}

/** A recorded embeddings request. */
export interface RecordedEmbeddingRequest {
  authorization: string | undefined;
  body: { model: string; input: string | string[]; dimensions?: number; encoding_format?: 'float' | 'base64' };
}

/**
 * Answers `POST /v1/embeddings` as OpenAI does: one `embedding` object per input, in order, the
 * vector as floats or as base64 of little-endian float32 (`encoding_format`). The vectors are the
 * hashing embedding of each input (`dimensions` long, 1536 by default), so similar texts get
 * similar vectors.
 */
function answerEmbeddings(res: ServerResponse, body: RecordedEmbeddingRequest['body']): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const data = inputs.map((text, index) => {
    const vector = hashingEmbedding(text, body.dimensions ?? 1536);
    const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } }));
}

/** A recorded moderations request. */
export interface RecordedModerationRequest {
  authorization: string | undefined;
  body: { model: string; input: string | string[] };
}

/** Options of {@link startFakeOpenAI}. */
export interface FakeOpenAIOptions {
  /** Moderation categories flagged for an input (default: none, every input passes). */
  moderate?: (input: string) => string[];
}

/**
 * Answers `POST /v1/moderations` as OpenAI does: one result per input, `flagged` when
 * `moderate` flags a category, every other known category false.
 */
function answerModerations(res: ServerResponse, body: RecordedModerationRequest['body'], moderate: (input: string) => string[]): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const results = inputs.map((input) => {
    const flagged = moderate(input);
    const categories: Record<string, boolean> = { harassment: false, 'self-harm': false, sexual: false, violence: false };
    const scores: Record<string, number> = {};
    for (const name of Object.keys(categories)) scores[name] = 0.001;
    for (const name of flagged) {
      categories[name] = true;
      scores[name] = 0.99;
    }
    return { flagged: flagged.length > 0, categories, category_scores: scores, category_applied_input_types: {} };
  });
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'modr-test', model: body.model, results }));
}

/**
 * A local HTTP server speaking OpenAI's chat-completions wire protocol with streaming
 * (server-sent events of `chat.completion.chunk`, a final usage chunk, then `[DONE]`), so that
 * the real `openai` SDK is exercised without the internet. Replies with `words`, one per chunk.
 * Also answers `POST /v1/embeddings` (see {@link answerEmbeddings}); `failEmbeddings(n)` makes the
 * next `n` embeddings requests fail with 500 (`retry-after-ms: 1`, so the SDK retries at once).
 * And `POST /v1/moderations` (see {@link answerModerations}), recorded in `moderationRequests`.
 */
export async function startFakeOpenAI(words: string[], usage = { prompt_tokens: 42, completion_tokens: 7 }, options: FakeOpenAIOptions = {}) {
  const moderationRequests: RecordedModerationRequest[] = [];
  const requests: RecordedRequest[] = [];
  const embeddingRequests: RecordedEmbeddingRequest[] = [];
  let failingEmbeddings = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/embeddings') {
        embeddingRequests.push({ authorization: req.headers.authorization, body: JSON.parse(raw) as RecordedEmbeddingRequest['body'] });
        if (failingEmbeddings > 0) {
          failingEmbeddings--;
          res.writeHead(500, { 'content-type': 'application/json', 'retry-after-ms': '1' }).end(JSON.stringify({ error: { message: 'failing on purpose' } }));
          return;
        }
        answerEmbeddings(res, embeddingRequests[embeddingRequests.length - 1]!.body);
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/moderations') {
        const body = JSON.parse(raw) as RecordedModerationRequest['body'];
        moderationRequests.push({ authorization: req.headers.authorization, body });
        answerModerations(res, body, options.moderate ?? (() => []));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = JSON.parse(raw) as RecordedRequest['body'];
      requests.push({ authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: body.model };
      const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
      send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      for (const word of words) send({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      send({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingRequests,
    moderationRequests,
    /** Answers the next `count` embeddings requests with 500. */
    failEmbeddings(count: number) {
      failingEmbeddings = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
