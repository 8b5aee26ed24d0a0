import { GraphQLError, getOperationAST } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../../lib/auth';
import type { AccessPolicy } from './access-policy';
import { denialError, findDenials } from './authorize-operation';
import type { CostPolicy } from './cost-policy';
import { estimateCost } from './estimate-cost';
import { tooComplexError } from './operation-limits';
import { RateLimitedError } from './rate-limiter';
import type { RateLimiter } from './rate-limiter';

/** Options of {@link OperationGuard}. */
export interface OperationGuardOptions {
  accessPolicy: AccessPolicy;
  costPolicy: CostPolicy;
  /** Largest accepted estimated cost (`COST_LIMIT`). */
  costLimit: number;
  rateLimiter: RateLimiter;
  /** Estimated cost worth one request of the rate-limit budget (`RATE_LIMIT_COST_PER_REQUEST`). */
  costPerRequest: number;
}

/** One operation to admit. */
export interface GuardRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  principal: Principal | null;
}

/** An admitted operation: its definition and estimated cost. */
export interface Admission {
  operation: OperationDefinitionNode;
  cost: number;
}

/** `BAD_REQUEST` (HTTP 400) for an operation name that selects nothing. */
export function unknownOperationError(document: DocumentNode, operationName: string | null | undefined): GraphQLError {
  const named = document.definitions.filter((d) => d.kind === 'OperationDefinition').length;
  const message = operationName
    ? `Unknown operation named "${operationName}"`
    : `The document has ${named} operations: choose one with operationName`;
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * Admits an operation after validation and before `@apollo/gateway` plans it, for HTTP and
 * graphql-ws alike: the operation exists, the caller may use every field
 * (`@authenticated`/`@requiresScopes`), its estimated cost (`@cost`/`@listSize`) is within
 * the limit, and the caller's rate budget covers it (points = max(1, ceil(cost /
 * costPerRequest))).
 */
export class OperationGuard {
  constructor(private readonly options: OperationGuardOptions) {}

  /**
   * Checks an operation without charging the rate budget.
   *
   * @throws {GraphQLError} `BAD_REQUEST` (unknown operation), `UNAUTHENTICATED`, `FORBIDDEN`,
   *   `OPERATION_TOO_COMPLEX` (`extensions.limit` = `cost`)
   */
  inspect(request: GuardRequest): Admission {
    const operation = getOperationAST(request.document, request.operationName);
    if (!operation) throw unknownOperationError(request.document, request.operationName);
    const denials = findDenials(request.schema, this.options.accessPolicy, request.document, operation, request.principal);
    if (denials.length > 0) throw denialError(denials, request.principal);
    const cost = estimateCost(request.schema, this.options.costPolicy, request.document, operation, request.variables);
    if (cost > this.options.costLimit) {
      throw tooComplexError(`Operation cost ${cost} exceeds the limit of ${this.options.costLimit}`, 'cost', { cost, maxCost: this.options.costLimit });
    }
    return { operation, cost };
  }

  /** Rate-budget points of an operation of this estimated cost. */
  points(cost: number): number {
    return Math.max(1, Math.ceil(cost / this.options.costPerRequest));
  }

  /**
   * Takes `points` from the principal's budget.
   *
   * @throws {GraphQLError} `RATE_LIMITED` (HTTP 429, `extensions.retryAfter` in seconds; the
   *   security plugin copies it to `Retry-After`)
   */
  async charge(principal: Principal, points: number): Promise<void> {
    try {
      await this.options.rateLimiter.consume(principal.sub, points);
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      throw new GraphQLError(err.message, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfter: err.retryAfterSeconds,
          http: { status: 429 },
        },
      });
    }
  }

  /** {@link inspect}, then {@link charge} with the operation's points. */
  async admit(request: GuardRequest & { principal: Principal }): Promise<Admission> {
    const admission = this.inspect(request);
    await this.charge(request.principal, this.points(admission.cost));
    return admission;
  }
}
