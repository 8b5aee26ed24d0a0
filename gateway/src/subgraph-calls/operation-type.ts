import { Kind, parse } from 'graphql';
import type { DocumentNode, OperationDefinitionNode, OperationTypeNode } from 'graphql';

/**
 * The type (`query`, `mutation`, `subscription`) of the operation a document runs: the one
 * named `operationName`, else its only operation.
 *
 * @returns `null` when no operation matches
 */
export function operationTypeOf(document: DocumentNode, operationName?: string | null): OperationTypeNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  return operation?.operation ?? null;
}

/**
 * Memoized {@link operationTypeOf} over query text, for subgraph fetches (the gateway's query
 * plans repeat the same few texts). Holds at most `maxEntries` texts, forgetting the oldest.
 */
export class OperationTypes {
  private readonly known = new Map<string, OperationTypeNode | null>();

  constructor(private readonly maxEntries = 1000) {}

  /**
   * The type of the operation in `query`.
   *
   * @param document the parsed `query` when the caller has it (skips parsing)
   * @returns `null` when the text does not parse or names no matching operation
   */
  of(query: string, operationName?: string | null, document?: DocumentNode): OperationTypeNode | null {
    if (document) return operationTypeOf(document, operationName);
    const key = `${operationName ?? ''}\u0000${query}`;
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    let type: OperationTypeNode | null;
    try {
      type = operationTypeOf(parse(query, { noLocation: true }), operationName);
    } catch {
      type = null;
    }
    if (this.known.size >= this.maxEntries) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(key, type);
    return type;
  }
}
