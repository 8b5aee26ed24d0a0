import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ServiceMetrics } from '../metrics';

/** Apollo Server plugin recording `graphql_requests_total` and `graphql_request_duration_seconds`. */
export function metricsPlugin<TContext extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      let operationType = 'unknown';
      return {
        async didResolveOperation({ operation }) {
          operationType = operation?.operation ?? 'unknown';
        },
        async willSendResponse({ errors }) {
          end({ operation_type: operationType });
          metrics.graphqlRequests.inc({ operation_type: operationType, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
