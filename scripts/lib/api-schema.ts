import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { GATEWAY_SUPPORTED_FEATURES } from '../../gateway/src/security/supergraph-features';
import { SUPERGRAPH_PATH } from './compose-supergraph';

/** The public API schema clients see: the committed supergraph without its federation internals (as the gateway serves it). */
export function supergraphApiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'), { supportedFeatures: new Set(GATEWAY_SUPPORTED_FEATURES) })
    .apiSchema()
    .toGraphQLJSSchema();
}
