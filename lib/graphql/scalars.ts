import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** Resolvers of the `DateTime` (ISO 8601) and `JSON` scalars shared by every subgraph. */
export const scalarResolvers = { DateTime: DateTimeResolver, JSON: JSONResolver };
