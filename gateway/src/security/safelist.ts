import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { z } from 'zod';

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().min(1), name: z.string().optional(), type: z.string().optional(), body: z.string().min(1) })),
});

/** A GraphQL request body as clients send it (only the fields the safelist reads). */
export interface OperationRequest {
  query?: unknown;
  extensions?: unknown;
  [key: string]: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function notInList(): GraphQLError {
  return new GraphQLError('Operation not in the persisted-operation safelist', {
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
  });
}

/**
 * The operations a client may run when `PERSISTED_OPERATIONS=enforce`, from a manifest in
 * Apollo's persisted-query manifest format (`{ format: "apollo-persisted-query-manifest",
 * version: 1, operations: [{ id, name, type, body }] }`, ids = SHA-256 of the body, as Apollo
 * Client's persisted-query link and GraphOS generate them).
 */
export class Safelist {
  private readonly bodies = new Map<string, string>();

  constructor(operations: ReadonlyArray<{ id: string; body: string }>) {
    for (const operation of operations) {
      this.bodies.set(operation.id, operation.body);
      this.bodies.set(sha256(operation.body), operation.body);
    }
  }

  /**
   * Reads a manifest file.
   *
   * @throws when the file cannot be read or is not a persisted-query manifest
   */
  static load(path: string): Safelist {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return new Safelist(manifest.operations);
  }

  /** Number of operations listed. */
  get size(): number {
    return new Set(this.bodies.values()).size;
  }

  /**
   * Admits a request body: one whose `extensions.persistedQuery.sha256Hash` names a listed
   * operation (the body is filled in), or whose `query` is a listed body. The
   * `persistedQuery` extension is removed (automatic persisted queries are off in this mode).
   *
   * @throws {GraphQLError} `PERSISTED_QUERY_NOT_IN_LIST` (HTTP 400) otherwise
   */
  admit(request: OperationRequest): OperationRequest {
    const extensions = (typeof request.extensions === 'object' && request.extensions !== null ? request.extensions : {}) as Record<string, unknown>;
    const { persistedQuery, ...otherExtensions } = extensions as { persistedQuery?: { sha256Hash?: unknown } };
    const hash = typeof persistedQuery?.sha256Hash === 'string' ? persistedQuery.sha256Hash : undefined;
    const listed = hash ? this.bodies.get(hash) : typeof request.query === 'string' ? this.bodies.get(sha256(request.query)) : undefined;
    if (!listed || (typeof request.query === 'string' && request.query !== listed)) throw notInList();
    return { ...request, query: listed, extensions: otherExtensions };
  }
}
