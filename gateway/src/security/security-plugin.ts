import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../metrics';
import type { OperationGuard } from './operation-guard';

/**
 * Apollo Server plugin admitting every operation through the {@link OperationGuard} in
 * `didResolveOperation`, i.e. after parsing and validation (armor's limits) and before
 * `@apollo/gateway` plans it: unknown operation (400), authorization (`FORBIDDEN`), cost
 * (`OPERATION_TOO_COMPLEX`) and the rate budget (`RATE_LIMITED`, 429 with `Retry-After`).
 * A request refused before that point still takes one point of its caller's budget.
 * With `x-graphql-cost: include`, the response carries `extensions.cost` = `{ estimated, limit }`.
 * Refusals are counted in `gateway_operations_refused_total`.
 */
export function securityPlugin(guard: OperationGuard, costLimit: number, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      let cost: number | null = null;
      let charged = contextValue.internal;
      return {
        async didResolveOperation({ document, request, schema }) {
          const admission = guard.inspect({
            schema,
            document,
            operationName: request.operationName,
            variables: request.variables ?? {},
            principal: contextValue.principal,
          });
          cost = admission.cost;
          if (!charged) {
            charged = true;
            await guard.charge(contextValue.principal, guard.points(admission.cost));
          }
        },
        async willSendResponse({ response, errors }) {
          if (!charged) {
            charged = true;
            await guard.charge(contextValue.principal, 1).catch(() => undefined);
          }
          const first = response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined;
          if (first && !contextValue.internal) metrics.countRefusal(first.extensions?.code, first.extensions?.limit);
          const limited = errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
          if (limited) response.http.headers.set('retry-after', String(limited.extensions.retryAfter));
          if (contextValue.reportCost && cost !== null && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: { estimated: cost, limit: costLimit } };
          }
        },
      };
    },
  };
}
