import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';

/**
 * Reads and parses an SDL file (a subgraph's `schema.graphql`).
 *
 * @throws GraphQLError on a syntax error, with the file's location
 */
export function loadSchemaFile(path: string): DocumentNode {
  return parse(readFileSync(path, 'utf8'));
}
