import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { REPOSITORY_ROOT } from './paths';

/** Where the composed supergraph is committed. */
export const SUPERGRAPH_PATH = join(REPOSITORY_ROOT, 'schema', 'supergraph.graphql');

/** One entry of `schema/subgraphs.json`: subgraph name, routing URL, SDL path (from the root). */
export interface SubgraphEntry {
  name: string;
  url: string;
  schema: string;
}

/** The subgraphs listed in `schema/subgraphs.json`, in its order. */
export function subgraphEntries(): SubgraphEntry[] {
  return JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'schema', 'subgraphs.json'), 'utf8')) as SubgraphEntry[];
}

/** Thrown with every composition error (and hint) when the subgraphs do not compose. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';
}

/**
 * Composes the subgraph SDLs listed in `schema/subgraphs.json` into a Federation 2 supergraph
 * with `@apollo/composition`.
 *
 * @returns the supergraph SDL
 * @throws {CompositionError} listing every composition error
 */
export function composeSupergraph(): string {
  const entries = subgraphEntries();
  const result = composeServices(
    entries.map((entry) => ({
      name: entry.name,
      url: entry.url,
      typeDefs: parse(readFileSync(join(REPOSITORY_ROOT, entry.schema), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new CompositionError(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
