import { SpanKind } from '@opentelemetry/api';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLFieldResolver } from 'graphql';
import { inSpan } from '../tracing';

/** Root types whose fields are the subgraph's operations: each resolver does I/O (SQL, NATS). */
const ROOT_TYPES = ['Query', 'Mutation'] as const;

function traced<TContext>(typeName: string, fieldName: string, resolve: GraphQLFieldResolver<unknown, TContext>): GraphQLFieldResolver<unknown, TContext> {
  const name = `resolve ${typeName}.${fieldName}`;
  const options = {
    kind: SpanKind.INTERNAL,
    attributes: { 'graphql.operation.type': typeName.toLowerCase(), 'graphql.parent.name': typeName, 'graphql.field.name': fieldName },
  };
  return (source, args, context, info) => inSpan(name, options, async () => resolve(source, args, context, info));
}

/**
 * The resolver map with each `Query` and `Mutation` field resolver run in a span
 * `resolve <Type>.<field>` (attributes `graphql.operation.type`, `graphql.parent.name`,
 * `graphql.field.name`): the subgraph's operations, whose SQL and NATS spans then nest under
 * them. Other types' resolvers (references, fields through DataLoaders) are left as they are:
 * their batched SQL appears under the request's span. Without tracing the spans are no-ops.
 *
 * @returns a new map (the given one is not changed)
 */
export function traceRootResolvers<TContext>(resolvers: GraphQLResolverMap<TContext>): GraphQLResolverMap<TContext> {
  const result: GraphQLResolverMap<TContext> = { ...resolvers };
  for (const typeName of ROOT_TYPES) {
    const fields = resolvers[typeName] as Record<string, GraphQLFieldResolver<unknown, TContext> | { resolve?: GraphQLFieldResolver<unknown, TContext> }> | undefined;
    if (!fields) continue;
    result[typeName] = Object.fromEntries(
      Object.entries(fields).map(([fieldName, field]) => {
        if (typeof field === 'function') return [fieldName, traced(typeName, fieldName, field)];
        return [fieldName, field.resolve ? { ...field, resolve: traced(typeName, fieldName, field.resolve) } : field];
      }),
    );
  }
  return result;
}
