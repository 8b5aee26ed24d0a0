import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ValidationContext, ValidationRule } from 'graphql';

/** Size limits checked before an operation is planned (README, "Configuration"). */
export interface OperationLimits {
  /** Deepest selection (fields nested in fields), introspection excluded. */
  maxDepth: number;
  /** Aliases in one operation. */
  maxAliases: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in one document (checked by the parser, so a huge document is never built). */
  maxTokens: number;
  /** Hide "Did you mean ...?" suggestions (they reveal the schema when introspection is off). */
  blockFieldSuggestions: boolean;
}

/** The error of an operation over a limit: `OPERATION_TOO_COMPLEX`, `extensions.limit` naming it. */
export function tooComplexError(message: string, limit: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_TOO_COMPLEX', limit, ...extra, http: { status: 400 } } });
}

const reject = (limit: string) => (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(tooComplexError(error.message.replace(/^Syntax Error: /, ''), limit));
};

/**
 * Validation rules and Apollo plugins of `@escape.tech/graphql-armor` for the limits: max depth,
 * aliases and directives as validation rules (so they run before `@apollo/gateway` plans the
 * operation, for HTTP and graphql-ws alike), field-suggestion masking as a plugin. Max tokens
 * is enforced by the parser itself (`parse(..., { maxTokens })`, see {@link parseOptions}):
 * armor's Apollo max-tokens plugin throws from `parsingDidStart`, which Apollo Server answers
 * with a 500. Armor's cost limit is replaced by the supergraph's `@cost`/`@listSize`
 * estimate (`estimate-cost.ts`), which knows list sizes.
 */
export function armorProtection(limits: OperationLimits): { validationRules: ValidationRule[]; plugins: Array<ApolloServerPlugin<BaseContext>> } {
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reject('maxDepth')] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reject('maxAliases')] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reject('maxDirectives')] },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return { validationRules: validationRules as ValidationRule[], plugins: plugins as Array<ApolloServerPlugin<BaseContext>> };
}

/** graphql-js parse options enforcing `maxTokens`. */
export function parseOptions(limits: OperationLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

// graphql-js 16 words it "more that N tokens".
const TOKENS_EXCEEDED = /Document contains more tha[nt] \d+ tokens/;

/**
 * Recognises graphql-js's max-tokens parse error, so that it is reported as
 * `OPERATION_TOO_COMPLEX` (`limit: "maxTokens"`) rather than a syntax error.
 */
export function isTokenLimitError(message: string): boolean {
  return TOKENS_EXCEEDED.test(message);
}
