import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A point as the fake stores it (vector normalised, as Qdrant does for cosine collections). */
export interface FakePoint {
  id: string | number;
  vector: number[];
  payload: Record<string, unknown>;
  /** Insertion order: Qdrant's own order of equal scores is not by time. */
  seq: number;
}

/** A collection of the fake. */
export interface FakeCollection {
  size: number;
  distance: string;
  points: Map<string, FakePoint>;
}

/** A request the fake received. */
export interface RecordedQdrantRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
  body: unknown;
}

type Condition = { key?: string; match?: { value?: unknown }; has_id?: Array<string | number> };
interface Filter {
  must?: Condition[];
  must_not?: Condition[];
  should?: Condition[];
}

const VERSION = '1.18.0';

function normalize(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

function matches(point: FakePoint, condition: Condition): boolean {
  if (condition.has_id) return condition.has_id.some((id) => String(id) === String(point.id));
  if (condition.key !== undefined && condition.match) return point.payload[condition.key] === condition.match.value;
  return false;
}

function passes(point: FakePoint, filter: Filter | undefined): boolean {
  if (!filter) return true;
  if (filter.must && !filter.must.every((c) => matches(point, c))) return false;
  if (filter.must_not?.some((c) => matches(point, c))) return false;
  if (filter.should && filter.should.length > 0 && !filter.should.some((c) => matches(point, c))) return false;
  return true;
}

/**
 * A local HTTP server speaking the part of Qdrant's REST API that `@qdrant/js-client-rest` calls
 * for the content vector index (https://api.qdrant.tech): `GET /`, collection exists, get and
 * create (`PUT /collections/{name}`, 409 when it exists), points upsert (`PUT .../points`), and
 * nearest points by exact cosine in memory through the Query API (`POST .../points/query`) and
 * the older search (`POST .../points/search`), with `must`/`must_not`/`should` filters of
 * `match.value` and `has_id`. Responses have Qdrant's envelope (`result`, `status`, `time`), errors
 * its `{ status: { error } }`. `failNext(n)` answers the next `n` writes with 503.
 */
export async function startFakeQdrant() {
  const collections = new Map<string, FakeCollection>();
  const requests: RecordedQdrantRequest[] = [];
  let seq = 0;
  let failingWrites = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, result: unknown) => send(res, 200, { result, status: 'ok', time: 0.0001 });
  const error = (res: ServerResponse, status: number, message: string) => send(res, status, { status: { error: message }, time: 0.0001 });

  const handle = (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const url = new URL(req.url ?? '/', 'http://qdrant');
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, apiKey: req.headers['api-key'] as string | undefined, body });
    if (method === 'GET' && url.pathname === '/') return send(res, 200, { title: 'qdrant - vector search engine', version: VERSION });
    const match = /^\/collections\/([^/]+)(\/exists|\/points|\/points\/query|\/points\/search)?$/.exec(url.pathname);
    if (!match) return error(res, 404, `Not found: ${url.pathname}`);
    const name = decodeURIComponent(match[1]!);
    const action = match[2] ?? '';
    const collection = collections.get(name);
    const missing = () => error(res, 404, `Not found: Collection \`${name}\` doesn't exist!`);

    if (method === 'GET' && action === '/exists') return ok(res, { exists: collection !== undefined });
    if (method === 'GET' && action === '') {
      if (!collection) return missing();
      return ok(res, {
        status: 'green',
        optimizer_status: 'ok',
        points_count: collection.points.size,
        indexed_vectors_count: 0,
        segments_count: 1,
        config: { params: { vectors: { size: collection.size, distance: collection.distance } } },
        payload_schema: {},
      });
    }
    if ((method === 'PUT' && (action === '' || action === '/points')) && failingWrites > 0) {
      failingWrites--;
      return error(res, 503, 'Service Unavailable: failing on purpose');
    }
    if (method === 'PUT' && action === '') {
      if (collection) return error(res, 409, `Wrong input: Collection \`${name}\` already exists!`);
      const vectors = (body as { vectors?: { size?: number; distance?: string } }).vectors;
      if (!vectors?.size || !vectors.distance) return error(res, 400, 'Wrong input: vectors config expected');
      collections.set(name, { size: vectors.size, distance: vectors.distance, points: new Map() });
      return ok(res, true);
    }
    if (method === 'PUT' && action === '/points') {
      if (!collection) return missing();
      const points = (body as { points?: Array<{ id: string | number; vector: number[]; payload?: Record<string, unknown> }> }).points ?? [];
      for (const point of points) {
        if (point.vector.length !== collection.size) return error(res, 400, `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${point.vector.length}`);
      }
      for (const point of points) {
        const key = String(point.id).toLowerCase();
        const previous = collection.points.get(key);
        const vector = collection.distance === 'Cosine' ? normalize(point.vector) : point.vector;
        collection.points.set(key, { id: key, vector, payload: point.payload ?? {}, seq: previous?.seq ?? seq++ });
      }
      return ok(res, { operation_id: seq, status: url.searchParams.get('wait') === 'true' ? 'completed' : 'acknowledged' });
    }
    if (method === 'POST' && (action === '/points/query' || action === '/points/search')) {
      if (!collection) return missing();
      const request = body as { query?: number[]; vector?: number[]; filter?: Filter; limit?: number; with_payload?: boolean };
      const vector = action === '/points/query' ? request.query : request.vector;
      if (!Array.isArray(vector) || vector.length !== collection.size) return error(res, 400, `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${Array.isArray(vector) ? vector.length : 0}`);
      const query = normalize(vector);
      const scored = [...collection.points.values()]
        .filter((point) => passes(point, request.filter))
        .map((point) => ({ point, score: point.vector.reduce((sum, v, i) => sum + v * (query[i] ?? 0), 0) }))
        .sort((a, b) => b.score - a.score || a.point.seq - b.point.seq)
        .slice(0, request.limit ?? 10)
        .map(({ point, score }) => ({ id: point.id, version: point.seq, score, ...(request.with_payload ? { payload: point.payload } : {}) }));
      return ok(res, action === '/points/query' ? { points: scored } : scored);
    }
    return error(res, 404, `Not found: ${method} ${url.pathname}`);
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return error(res, 400, 'Format error in JSON body');
      }
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    collections,
    requests,
    /** Answers the next `count` writes (collection creation, upserts) with 503. */
    failNext(count: number) {
      failingWrites = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A running {@link startFakeQdrant}. */
export type FakeQdrant = Awaited<ReturnType<typeof startFakeQdrant>>;
