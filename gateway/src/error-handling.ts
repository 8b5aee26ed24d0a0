import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { createFormatError, isPublicCode } from '../../lib/errors';
import type { GatewayContext } from './context';
import { isTokenLimitError } from './security/operation-limits';

/**
 * The gateway's `formatError`: public codes pass, anything unexpected is masked as
 * `INTERNAL_SERVER_ERROR` unless `expose` (development); graphql-js's max-tokens parse error
 * and armor's limit errors (which Apollo Server re-codes as validation errors) become
 * `OPERATION_TOO_COMPLEX` with `extensions.limit` naming the limit. Logging is done by
 * {@link errorLoggingPlugin}, which knows the request id.
 */
export function gatewayFormatError(expose: boolean) {
  const base = createFormatError(expose, () => undefined);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'maxTokens' } };
    }
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions.limit === 'string') {
      // Apollo Server re-codes every validation error; armor's limit errors keep their own code.
      return { ...formatted, extensions: { ...formatted.extensions, code: 'OPERATION_TOO_COMPLEX' } };
    }
    return base(formatted, error);
  };
}

/** Logs every error without a public code with the request's logger (request id, caller). */
export function errorLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isPublicCode(error.extensions?.code)) contextValue.logger.error({ err: unwrapResolverError(error) }, 'unexpected error');
          }
        },
      };
    },
  };
}
